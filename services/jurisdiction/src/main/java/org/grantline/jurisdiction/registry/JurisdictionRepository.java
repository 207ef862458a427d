package org.grantline.jurisdiction.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JurisdictionRepository extends PageableRepository<Jurisdiction, UUID> {

    Optional<Jurisdiction> findByFips(String fips);

    List<Jurisdiction> findByFipsIn(Collection<String> fips);

    List<Jurisdiction> findByIdIn(Collection<UUID> ids);
}
