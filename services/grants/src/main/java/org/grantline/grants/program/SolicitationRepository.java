package org.grantline.grants.program;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SolicitationRepository extends CrudRepository<Solicitation, UUID> {

    List<Solicitation> findByProgramId(UUID programId, Sort sort);

    boolean existsByProgramIdAndFiscalYearAndKind(UUID programId, int fiscalYear, SolicitationKind kind);
}
