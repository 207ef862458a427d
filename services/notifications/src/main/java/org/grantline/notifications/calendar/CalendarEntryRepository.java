package org.grantline.notifications.calendar;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.grantline.notifications.plan.RequirementStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The requirements a calendar lists, every jurisdiction's or one's: each {@code open} one, however
 * overdue, and the others whose deadline is since {@code closedSince}; by deadline, at most 5,000.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CalendarEntryRepository extends GenericRepository<CalendarEntry, UUID> {

    @Query("SELECT * FROM tracked_requirement WHERE (status = :open OR deadline_at >= :closedSince) ORDER BY deadline_at, id LIMIT 5000")
    List<CalendarEntry> all(RequirementStatus open, Instant closedSince);

    @Query("SELECT * FROM tracked_requirement WHERE (status = :open OR deadline_at >= :closedSince) AND jurisdiction_id = :jurisdictionId "
            + "ORDER BY deadline_at, id LIMIT 5000")
    List<CalendarEntry> ofJurisdiction(UUID jurisdictionId, RequirementStatus open, Instant closedSince);

    /** Jurisdictions some requirement does not name yet. */
    @Query("SELECT DISTINCT jurisdiction_id FROM tracked_requirement WHERE jurisdiction_name IS NULL LIMIT 5000")
    List<UUID> unnamedJurisdictions();

    @Query("SELECT DISTINCT jurisdiction_id FROM tracked_requirement WHERE jurisdiction_name IS NULL AND jurisdiction_id = :jurisdictionId "
            + "LIMIT 5000")
    List<UUID> unnamedJurisdictions(UUID jurisdictionId);

    /** The name is kept once known: a requirement already named keeps its name. */
    @Query("UPDATE tracked_requirement SET jurisdiction_name = :name WHERE jurisdiction_id = :jurisdictionId AND jurisdiction_name IS NULL")
    int nameJurisdiction(UUID jurisdictionId, String name);
}
