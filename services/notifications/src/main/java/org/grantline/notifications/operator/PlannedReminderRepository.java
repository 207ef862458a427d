package org.grantline.notifications.operator;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** A requirement's or a jurisdiction's planned reminders, in the order they fall due (at most 2,000). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlannedReminderRepository extends GenericRepository<ReminderQueries.Planned, UUID> {

    @Query("SELECT * FROM reminder WHERE requirement_id = :requirementId ORDER BY due_at, id LIMIT 2000")
    List<ReminderQueries.Planned> ofRequirement(UUID requirementId);

    @Query("SELECT * FROM reminder WHERE jurisdiction_id = :jurisdictionId ORDER BY due_at, id LIMIT 2000")
    List<ReminderQueries.Planned> ofJurisdiction(UUID jurisdictionId);
}
