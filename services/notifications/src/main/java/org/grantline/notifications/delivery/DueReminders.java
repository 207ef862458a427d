package org.grantline.notifications.delivery;

import jakarta.inject.Singleton;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.plan.ReminderStatus;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code reminder} rows the fan-out works on, in its transaction: due ones claimed with
 * {@code FOR UPDATE SKIP LOCKED} (replicas split them), then marked as stopped or fanned out.
 */
@Singleton
class DueReminders {

    /** Up to {@code limit} planned reminders due by {@code now}, earliest first, locked until the transaction ends. */
    List<DueReminder> claim(Connection c, Instant now, int limit) throws SQLException {
        List<UUID> ids = Jdbc.list(c, "SELECT id FROM reminder WHERE status = ? AND due_at <= ? ORDER BY due_at, id LIMIT ? "
                + "FOR UPDATE SKIP LOCKED", p -> p.add(ReminderStatus.PLANNED).add(now).add(limit), rs -> Sql.uuid(rs, "id"));
        if (ids.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(c, "SELECT r.id, r.requirement_id, r.jurisdiction_id, r.deadline_at, r.offset_days, r.kind, r.escalate, r.due_at, "
                + "r.local_date, t.status, t.enjoined, t.program_id, t.condition_title, t.award_number, t.time_zone "
                + "FROM reminder r JOIN tracked_requirement t ON t.id = r.requirement_id WHERE r.id IN (" + Sql.marks(ids.size()) + ")",
                p -> p.addAll(ids), rs -> new DueReminder(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"), Sql.uuid(rs, "jurisdiction_id"),
                        Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"), ReminderSchedule.Kind.valueOf(rs.getString("kind")),
                        rs.getBoolean("escalate"), Sql.instant(rs, "due_at"), rs.getObject("local_date", LocalDate.class),
                        rs.getString("status"), rs.getBoolean("enjoined"), Sql.uuid(rs, "program_id"), rs.getString("condition_title"),
                        rs.getString("award_number"), rs.getString("time_zone")));
    }

    void stop(Connection c, Collection<DueReminder.Stop> stops, Instant now) throws SQLException {
        Jdbc.batch(c, "UPDATE reminder SET status = ?, reason = ?, updated_at = ? WHERE id = ?", stops,
                (p, s) -> p.add(s.status()).add(s.reason()).add(now).add(s.reminderId()));
    }

    void fannedOut(Connection c, Collection<DueReminder> live, Instant now) throws SQLException {
        Jdbc.batch(c, "UPDATE reminder SET status = ?, updated_at = ? WHERE id = ?", live,
                (p, d) -> p.add(ReminderStatus.FANNED_OUT).add(now).add(d.id()));
    }

    /** The jurisdictions' names as the registry says now, for the emails and the calendar. */
    void nameJurisdictions(Connection c, Map<UUID, String> names) throws SQLException {
        Jdbc.batch(c, "UPDATE tracked_requirement SET jurisdiction_name = ? WHERE jurisdiction_id = ?", names.entrySet(),
                (p, e) -> p.add(e.getValue()).add(e.getKey()));
    }
}
