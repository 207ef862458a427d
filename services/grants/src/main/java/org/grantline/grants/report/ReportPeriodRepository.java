package org.grantline.grants.report;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReportPeriodRepository extends CrudRepository<ReportPeriod, UUID> {

    List<ReportPeriod> findByAwardIdOrderByPeriodStart(UUID awardId);

    boolean existsByAwardIdAndConditionIdAndPeriodStart(UUID awardId, UUID conditionId, LocalDate periodStart);

    /** Awards that carry the condition and still run (accepted, active or held): those that owe its reports. */
    @Query("""
            SELECT a.id FROM award a JOIN award_condition ac ON ac.award_id = a.id
            WHERE ac.condition_id = :conditionId AND a.status IN ('ACCEPTED', 'ACTIVE', 'WITHHELD', 'SUSPENDED')""")
    List<UUID> runningAwardsWith(UUID conditionId);

    /** Reports not yet behind a withholding whose requirement still waits for the jurisdiction. */
    @Query("""
            SELECT p.* FROM report_period p JOIN requirement r ON r.id = p.requirement_id
            WHERE p.withheld_at IS NULL AND r.status IN ('OPEN', 'REJECTED') AND r.deadline_at < :now""")
    List<ReportPeriod> owedPastDeadline(Instant now);

    @Query("UPDATE report_period SET withheld_at = :at WHERE requirement_id = :requirementId AND withheld_at IS NULL")
    int markWithheld(UUID requirementId, Instant at);
}
