package org.grantline.notifications.plan;

import org.grantline.grants.api.FeedItem;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of planning a page, on the page's connection: plain JDBC, since this is the measured hot path
 * (tens of thousands of reminders in a run). Reminders and new requirements go in many rows to a
 * statement ({@code INSERT ... ON CONFLICT DO NOTHING}), updates in one batch per kind, and the
 * requirements' rows are locked so that a poll page and a change announcement take turns.
 */
@Singleton
public class PlanWriter {
    /** Rows per multi-row INSERT (PostgreSQL takes at most 32,767 parameters a statement). */
    static final int INSERT_ROWS = 250;

    private record Applied(UUID id, Instant sourceUpdatedAt) {
    }

    private record Named(UUID id, RequirementNames names) {
    }

    /** The names kept for these requirements; one not tracked yet is absent. */
    Map<UUID, RequirementNames> names(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, RequirementNames> found = new HashMap<>();
        Jdbc.list(c, "SELECT id, program_id, award_number, program_name, condition_title FROM tracked_requirement WHERE id IN ("
                        + Sql.marks(ids.size()) + ")", p -> p.addAll(ids),
                rs -> new Named(Sql.uuid(rs, "id"), new RequirementNames(Sql.uuid(rs, "program_id"), rs.getString("award_number"),
                        rs.getString("program_name"), rs.getString("condition_title"))))
                .forEach(n -> found.put(n.id(), n.names()));
        return found;
    }

    /**
     * Locks the requirements' rows for this transaction and answers the reading each was last planned
     * from ({@code source_updated_at}; null for an older one). Rows are locked in id order: no deadlock.
     */
    Map<UUID, Instant> lockApplied(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, Instant> applied = new HashMap<>();
        Jdbc.list(c, "SELECT id, source_updated_at FROM tracked_requirement WHERE id IN (" + Sql.marks(ids.size())
                        + ") ORDER BY id FOR UPDATE", p -> p.addAll(ids),
                rs -> new Applied(Sql.uuid(rs, "id"), Sql.instant(rs, "source_updated_at")))
                .forEach(a -> applied.put(a.id(), a.sourceUpdatedAt()));
        return applied;
    }

    /** The reminders planned for these requirements, by requirement. */
    Map<UUID, List<TrackedReminder>> reminders(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, List<TrackedReminder>> found = new HashMap<>();
        Jdbc.list(c, "SELECT id, requirement_id, deadline_at, offset_days, status FROM reminder WHERE requirement_id IN ("
                        + Sql.marks(ids.size()) + ")", p -> p.addAll(ids),
                rs -> new TrackedReminder(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"), Sql.instant(rs, "deadline_at"),
                        rs.getInt("offset_days"), ReminderStatus.valueOf(rs.getString("status"))))
                .forEach(r -> found.computeIfAbsent(r.requirementId(), k -> new ArrayList<>()).add(r));
        return found;
    }

    /** The requirements as the feed reads them now, with their names: updated where tracked ({@code tracked}), else inserted. */
    void track(Connection c, Collection<FeedItem> items, Map<UUID, RequirementNames> names, Set<UUID> tracked,
               Instant now) throws SQLException {
        List<FeedItem> updates = items.stream().filter(i -> tracked.contains(i.id())).toList();
        List<FeedItem> inserts = items.stream().filter(i -> !tracked.contains(i.id())).toList();
        Jdbc.Binder<FeedItem> requirement = (p, i) -> {
            RequirementNames n = names.getOrDefault(i.id(), RequirementNames.NONE);
            p.add(i.awardId()).add(i.conditionId()).add(i.jurisdictionId()).add(n.programId()).add(n.awardNumber())
                    .add(n.programName()).add(Sql.clip(n.conditionTitle(), 1000)).add(i.deadline()).add(i.deadlineLocalDate())
                    .add(i.deadlineLocalTime()).add(i.timeZone()).add(i.status().name()).add(i.enjoined()).add(i.version())
                    .add(i.updatedAt()).add(now).add(i.id());
        };
        Jdbc.batch(c, "UPDATE tracked_requirement SET award_id = ?, condition_id = ?, jurisdiction_id = ?, program_id = ?, "
                + "award_number = ?, program_name = ?, condition_title = ?, deadline_at = ?, deadline_local_date = ?, "
                + "deadline_local_time = ?, time_zone = ?, status = ?, enjoined = ?, source_version = ?, "
                + "source_updated_at = COALESCE(?, source_updated_at), updated_at = ? WHERE id = ?", updates, requirement);
        Jdbc.insertMany(c, "INSERT INTO tracked_requirement (award_id, condition_id, jurisdiction_id, program_id, award_number, "
                + "program_name, condition_title, deadline_at, deadline_local_date, deadline_local_time, time_zone, status, enjoined, "
                + "source_version, source_updated_at, updated_at, id) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts, INSERT_ROWS, requirement);
    }

    /** Writes the plan: new reminders, those wanted back, those cancelled, and the deliveries that stop with them. */
    void apply(Connection c, PlanDiff.Plan plan, Instant now) throws SQLException {
        Jdbc.insertMany(c, "INSERT INTO reminder (id, requirement_id, jurisdiction_id, deadline_at, offset_days, kind, escalate, "
                        + "due_at, local_date, status, created_at, updated_at) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                plan.inserts(), INSERT_ROWS,
                (p, r) -> p.add(UUID.randomUUID()).add(r.requirementId()).add(r.jurisdictionId()).add(r.deadline())
                        .add(r.planned().offsetDays()).add(r.planned().kind()).add(r.planned().escalate()).add(r.planned().dueAt())
                        .add(r.planned().localDate()).add(ReminderStatus.PLANNED).add(now).add(now));
        Jdbc.batch(c, "UPDATE reminder SET status = ?, reason = NULL, updated_at = ? WHERE id = ? AND status = ?", plan.reopened(),
                (p, id) -> p.add(ReminderStatus.PLANNED).add(now).add(id).add(ReminderStatus.CANCELLED));
        Jdbc.batch(c, "UPDATE reminder SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?", plan.cancelled(),
                (p, x) -> p.add(ReminderStatus.CANCELLED).add(Sql.clip(x.reason(), 300)).add(now).add(x.reminderId())
                        .add(ReminderStatus.PLANNED));
        // Deliveries not yet sent stop too: all of them when the requirement stops, those of an older deadline when it moves.
        Jdbc.batch(c, "UPDATE delivery SET status = ?, updated_at = ?, last_error = ? WHERE requirement_id = ? "
                        + "AND status IN (?, ?, ?) AND (deadline_at <> ? OR ? = FALSE)", plan.deliveryStops(),
                (p, s) -> p.add(DeliveryStatus.CANCELLED).add(now).add(Sql.clip(s.reason(), 1000)).add(s.requirementId())
                        .add(DeliveryStatus.PENDING).add(DeliveryStatus.FAILED).add(DeliveryStatus.DEAD).add(s.deadline())
                        .add(s.otherDeadlinesOnly()));
    }
}
