package org.grantline.grants.condition;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GrantConditionRepository extends CrudRepository<GrantCondition, UUID> {

    List<GrantCondition> findByProgramId(UUID programId, Sort sort);

    List<GrantCondition> findByProgramIdAndFiscalYear(UUID programId, int fiscalYear, Sort sort);

    Optional<GrantCondition> findByProgramIdAndFiscalYearAndCode(UUID programId, int fiscalYear, String code);
}
