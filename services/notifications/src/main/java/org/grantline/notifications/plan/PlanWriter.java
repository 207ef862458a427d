package org.grantline.notifications.plan;

import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /** Binds one row's parameters. */
    @FunctionalInterface
    interface Binder<R> {
        void bind(Params p, R row) throws SQLException;
    }

    /** The names kept for these requirements; one not tracked yet is absent. */
    Map<UUID, RequirementNames> names(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, RequirementNames> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, program_id, award_number, program_name, condition_title "
                + "FROM tracked_requirement WHERE id IN (" + Sql.marks(ids.size()) + ")")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(Sql.uuid(rs, "id"), new RequirementNames(Sql.uuid(rs, "program_id"), rs.getString("award_number"),
                            rs.getString("program_name"), rs.getString("condition_title")));
                }
            }
        }
        return found;
    }

    /**
     * Locks the requirements' rows for this transaction and answers the reading each was last planned
     * from ({@code source_updated_at}; null for an older one). Rows are locked in id order: no deadlock.
     */
    Map<UUID, Instant> lockApplied(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, Instant> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, source_updated_at FROM tracked_requirement WHERE id IN ("
                + Sql.marks(ids.size()) + ") ORDER BY id FOR UPDATE")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(Sql.uuid(rs, "id"), Sql.instant(rs, "source_updated_at"));
                }
            }
        }
        return applied;
    }

    /** The reminders planned for these requirements, by requirement. */
    Map<UUID, List<TrackedReminder>> reminders(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, List<TrackedReminder>> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, requirement_id, deadline_at, offset_days, status "
                + "FROM reminder WHERE requirement_id IN (" + Sql.marks(ids.size()) + ")")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TrackedReminder r = new TrackedReminder(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"),
                            Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"), ReminderStatus.valueOf(rs.getString("status")));
                    found.computeIfAbsent(r.requirementId(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return found;
    }

    /** The requirements as the feed reads them now, with their names: updated where tracked ({@code tracked}), else inserted. */
    void track(Connection c, Collection<GrantsClient.FeedItem> items, Map<UUID, RequirementNames> names, Set<UUID> tracked,
               Instant now) throws SQLException {
        List<GrantsClient.FeedItem> updates = items.stream().filter(i -> tracked.contains(i.id())).toList();
        List<GrantsClient.FeedItem> inserts = items.stream().filter(i -> !tracked.contains(i.id())).toList();
        Binder<GrantsClient.FeedItem> requirement = (p, i) -> {
            RequirementNames n = names.getOrDefault(i.id(), RequirementNames.NONE);
            p.uuid(i.awardId()).uuid(i.conditionId()).uuid(i.jurisdictionId()).uuid(n.programId()).text(n.awardNumber())
                    .text(n.programName()).text(Sql.clip(n.conditionTitle(), 1000)).instant(i.deadline()).date(i.deadlineLocalDate())
                    .time(i.deadlineLocalTime()).text(i.timeZone()).text(i.status()).bool(i.enjoined()).number(i.version())
                    .instant(i.updatedAt()).instant(now).uuid(i.id());
        };
        batch(c, "UPDATE tracked_requirement SET award_id = ?, condition_id = ?, jurisdiction_id = ?, program_id = ?, "
                + "award_number = ?, program_name = ?, condition_title = ?, deadline_at = ?, deadline_local_date = ?, "
                + "deadline_local_time = ?, time_zone = ?, status = ?, enjoined = ?, source_version = ?, "
                + "source_updated_at = COALESCE(?, source_updated_at), updated_at = ? WHERE id = ?", updates, requirement);
        insert(c, "INSERT INTO tracked_requirement (award_id, condition_id, jurisdiction_id, program_id, award_number, program_name, "
                + "condition_title, deadline_at, deadline_local_date, deadline_local_time, time_zone, status, enjoined, source_version, "
                + "source_updated_at, updated_at, id) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts, requirement);
    }

    /** Writes the plan: new reminders, those wanted back, those cancelled, and the deliveries that stop with them. */
    void apply(Connection c, PlanDiff.Plan plan, Instant now) throws SQLException {
        insert(c, "INSERT INTO reminder (id, requirement_id, jurisdiction_id, deadline_at, offset_days, kind, escalate, due_at, "
                        + "local_date, status, created_at, updated_at) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", plan.inserts(),
                (p, r) -> p.uuid(UUID.randomUUID()).uuid(r.requirementId()).uuid(r.jurisdictionId()).instant(r.deadline())
                        .integer(r.planned().offsetDays()).name(r.planned().kind()).bool(r.planned().escalate())
                        .instant(r.planned().dueAt()).date(r.planned().localDate()).name(ReminderStatus.PLANNED).instant(now).instant(now));
        batch(c, "UPDATE reminder SET status = ?, reason = NULL, updated_at = ? WHERE id = ? AND status = ?", plan.reopened(),
                (p, id) -> p.name(ReminderStatus.PLANNED).instant(now).uuid(id).name(ReminderStatus.CANCELLED));
        batch(c, "UPDATE reminder SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?", plan.cancelled(),
                (p, x) -> p.name(ReminderStatus.CANCELLED).text(Sql.clip(x.reason(), 300)).instant(now).uuid(x.reminderId())
                        .name(ReminderStatus.PLANNED));
        batch(c, "UPDATE delivery SET status = ?, updated_at = ?, last_error = ? WHERE requirement_id = ? "
                        + "AND status IN (?, ?, ?) AND (deadline_at <> ? OR ? = FALSE)", plan.deliveryStops(),
                (p, s) -> p.name(DeliveryStatus.CANCELLED).instant(now).text(Sql.clip(s.reason(), 1000)).uuid(s.requirementId())
                        .name(DeliveryStatus.PENDING).name(DeliveryStatus.FAILED).name(DeliveryStatus.DEAD).instant(s.deadline())
                        .bool(s.otherDeadlinesOnly()));
    }

    /**
     * Rows are inserted {@link #INSERT_ROWS} to a statement (the statement for a full chunk is prepared
     * once and reused); a row whose key exists already is left alone (ON CONFLICT DO NOTHING).
     */
    private static <R> void insert(Connection c, String head, String row, List<R> rows, Binder<R> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int full = rows.size() / INSERT_ROWS;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, INSERT_ROWS))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    bindAll(ps, rows.subList(chunk * INSERT_ROWS, (chunk + 1) * INSERT_ROWS), binder);
                    ps.executeUpdate();
                }
            }
        }
        List<R> rest = rows.subList(full * INSERT_ROWS, rows.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(multiRow(head, row, rest.size()))) {
                bindAll(ps, rest, binder);
                ps.executeUpdate();
            }
        }
    }

    private static String multiRow(String head, String row, int n) {
        StringBuilder sql = new StringBuilder(head.length() + n * (row.length() + 2) + 30).append(head);
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    /** Binds the rows one after the other: the parameters of a multi-row statement. */
    private static <R> void bindAll(PreparedStatement ps, List<R> rows, Binder<R> binder) throws SQLException {
        Params p = new Params(ps);
        for (R r : rows) {
            binder.bind(p, r);
        }
    }

    private static <R> void batch(Connection c, String sql, List<R> rows, Binder<R> binder) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (R r : rows) {
                binder.bind(new Params(ps), r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
