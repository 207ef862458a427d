package org.grantline.jurisdiction.policy;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Append-only: policies are saved and read, never updated. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CooperationPolicyRepository extends GenericRepository<CooperationPolicy, UUID> {

    CooperationPolicy save(CooperationPolicy policy);

    @Query(value = "SELECT * FROM cooperation_policy WHERE jurisdiction_id = :jurisdictionId "
            + "ORDER BY effective_date ASC, recorded_at ASC")
    List<CooperationPolicy> history(UUID jurisdictionId);

    /** The version in force on a date: the latest effective date on or before it, the latest record for that date. */
    @Query(value = "SELECT * FROM cooperation_policy WHERE jurisdiction_id = :jurisdictionId AND effective_date <= :date "
            + "ORDER BY effective_date DESC, recorded_at DESC LIMIT 1")
    Optional<CooperationPolicy> inForce(UUID jurisdictionId, LocalDate date);
}
