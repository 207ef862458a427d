package org.grantline.grants.certification;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RequirementRepository extends CrudRepository<Requirement, UUID> {

    List<Requirement> findByAwardId(UUID awardId, Sort sort);
}
