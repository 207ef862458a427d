package org.grantline.jurisdiction.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JurisdictionRepository extends PageableRepository<Jurisdiction, UUID> {

    Optional<Jurisdiction> findByFips(String fips);

    Page<Jurisdiction> findByState(String state, Pageable pageable);
}
