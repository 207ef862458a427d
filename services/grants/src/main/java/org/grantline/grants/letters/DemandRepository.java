package org.grantline.grants.letters;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DemandRepository extends CrudRepository<Demand, UUID> {
    List<Demand> findByLetterIdOrderByJurisdictionName(UUID letterId);
    List<Demand> findByJurisdictionIdOrderByDeadlineAt(UUID jurisdictionId);

    /** The demands still waiting for their jurisdiction whose deadline falls in the window (the reminders' candidates). */
    List<Demand> findByStatusInAndDeadlineAtBetween(Collection<Demand.Status> statuses, Instant from,
                                                   Instant to);
}
