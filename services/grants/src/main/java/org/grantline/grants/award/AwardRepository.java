package org.grantline.grants.award;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AwardRepository extends PageableRepository<Award, UUID> {

    Optional<Award> findByAwardNumber(String awardNumber);

    List<Award> findByIdIn(java.util.Collection<UUID> ids);

    Page<Award> findByJurisdictionId(UUID jurisdictionId, Pageable pageable);

    @Query("INSERT INTO award_condition (award_id, condition_id) VALUES (:awardId, :conditionId)")
    void attachCondition(UUID awardId, UUID conditionId);

    @Query("SELECT condition_id FROM award_condition WHERE award_id = :awardId")
    List<UUID> conditionIds(UUID awardId);

    /** Those of the conditions whose report recurs: the periodic-report job makes their requirements, period by period. */
    @Query("SELECT condition_id FROM report_schedule WHERE condition_id IN (:conditionIds)")
    List<UUID> recurring(java.util.Collection<UUID> conditionIds);
}
