package org.grantline.grants.program;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProgramRepository extends CrudRepository<Program, UUID> {

    List<Program> findAllOrderByName();

    Optional<Program> findByCode(String code);

    List<Program> findByIdIn(java.util.Collection<UUID> ids);
}
