package org.grantline.grants.certification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RequirementRepository extends CrudRepository<Requirement, UUID> {

    List<Requirement> findByAwardId(UUID awardId, Sort sort);

    List<Requirement> findByIdIn(java.util.Collection<UUID> ids);

    /** The feed: deadlines in [from, to) changed after the cursor (change time, then id), oldest change first. */
    @Query(value = "SELECT * FROM requirement WHERE deadline_at >= :from AND deadline_at < :to "
            + "AND (updated_at > :since OR (updated_at = :since AND id > :afterId)) ORDER BY updated_at, id LIMIT :limit")
    List<Requirement> changedInWindow(Instant from, Instant to, Instant since, UUID afterId, int limit);

    /** Open requirements that are past their deadline or were rejected: at risk unless a court order enjoins them. */
    @Query(value = "SELECT * FROM requirement WHERE (status = 'OPEN' AND deadline_at < :now) OR status = 'REJECTED'")
    List<Requirement> overdueOrRejected(Instant now);

    /** Missed periodic reports whose award is still withheld for them: the funds are held back, so at risk whatever a court says. */
    @Query(value = """
            SELECT r.* FROM requirement r JOIN report_period p ON p.requirement_id = r.id JOIN award a ON a.id = r.award_id
            WHERE p.withheld_at IS NOT NULL AND a.status = 'WITHHELD'""")
    List<Requirement> withheldForMissedReports();

    /** Marks a condition's requirements changed (a court order about it came or went), so the feed re-sends them. */
    @Query("UPDATE requirement SET updated_at = :now WHERE condition_id = :conditionId")
    void touchCondition(UUID conditionId, Instant now);
}
