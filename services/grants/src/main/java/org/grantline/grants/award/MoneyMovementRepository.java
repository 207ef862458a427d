package org.grantline.grants.award;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Append-only: movements are saved and read. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MoneyMovementRepository extends GenericRepository<MoneyMovement, UUID> {

    MoneyMovement save(MoneyMovement movement);

    List<MoneyMovement> findByAwardIdOrderByMovementDate(UUID awardId);

    @Query("SELECT COALESCE(SUM(amount), 0) FROM money_movement WHERE award_id = :awardId AND kind = :kind")
    BigDecimal total(UUID awardId, String kind);
}
