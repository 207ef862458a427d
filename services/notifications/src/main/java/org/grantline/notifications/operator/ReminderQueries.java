package org.grantline.notifications.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class ReminderQueries {
    private final TransactionOperations<Connection> tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ReminderQueries(TransactionOperations<Connection> tx, AuditTrail audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public record Filter(UUID jurisdictionId, UUID requirementId, DeliveryStatus status, Channel channel, Instant from, Instant to,
                         String recipient) {
        public Filter(UUID jurisdictionId, UUID requirementId, DeliveryStatus status, Channel channel, Instant from, Instant to) {
            this(jurisdictionId, requirementId, status, channel, from, to, null);
        }
    }

    @Serdeable
    public record Delivery(UUID id, UUID requirementId, UUID jurisdictionId, Instant deadline, int offsetDays, String recipient,
                           String channel, String status, int attempts, Instant dueAt, Instant nextAttemptAt,
                           @Nullable Instant sentAt, @Nullable String lastError, @Nullable UUID digestId) {
    }

    @Serdeable
    public record Page(List<Delivery> items, int page, int size, long total) {
    }

    @Serdeable
    public record Planned(UUID id, UUID requirementId, UUID jurisdictionId, Instant deadline, int offsetDays, String kind,
                          boolean escalate, Instant dueAt, LocalDate localDate, String status, @Nullable String reason) {
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (f.jurisdictionId() != null) {
            sql.append(" AND jurisdiction_id = ?");
            params.add(f.jurisdictionId());
        }
        if (f.requirementId() != null) {
            sql.append(" AND requirement_id = ?");
            params.add(f.requirementId());
        }
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status());
        }
        if (f.channel() != null) {
            sql.append(" AND channel = ?");
            params.add(f.channel());
        }
        if (f.recipient() != null) {
            sql.append(" AND recipient = ?");
            params.add(f.recipient());
        }
        if (f.from() != null) {
            sql.append(" AND due_at >= ?");
            params.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND due_at < ?");
            params.add(Sql.ts(f.to()));
        }
        return sql.toString();
    }

    public Page deliveries(Filter f, int page, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM delivery" + where)) {
                Sql.bind(ps, 1, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Delivery> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM delivery" + where + " ORDER BY due_at DESC, id LIMIT ? OFFSET ?")) {
                int i = Sql.bind(ps, 1, params);
                ps.setInt(i, size);
                ps.setLong(i + 1, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(delivery(rs));
                    }
                }
            }
            return new Page(items, page, size, total);
        });
    }

    public Map<String, Long> counts(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return tx.executeRead(status -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (DeliveryStatus s : DeliveryStatus.values()) {
                counts.put(s.name(), 0L);
            }
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT status, COUNT(*) FROM delivery" + where + " GROUP BY status")) {
                Sql.bind(ps, 1, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    public List<Planned> schedule(UUID requirementId, UUID jurisdictionId) {
        if (requirementId == null && jurisdictionId == null) {
            throw Problems.invalid("requirementId", "name a requirement or a jurisdiction");
        }
        return tx.executeRead(status -> {
            List<Planned> planned = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT * FROM reminder WHERE "
                    + (requirementId != null ? "requirement_id = ?" : "jurisdiction_id = ?") + " ORDER BY due_at, id LIMIT 2000")) {
                ps.setObject(1, requirementId != null ? requirementId : jurisdictionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        planned.add(new Planned(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"), Sql.uuid(rs, "jurisdiction_id"),
                                Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"), rs.getString("kind"), rs.getBoolean("escalate"),
                                Sql.instant(rs, "due_at"), rs.getObject("local_date", LocalDate.class), rs.getString("status"),
                                rs.getString("reason")));
                    }
                }
            }
            return planned;
        });
    }

    /** A dead delivery goes back to pending (an email: its whole digest), attempts from zero. */
    public Delivery retry(UUID id) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Delivery before = find(c, id);
            if (DeliveryStatus.valueOf(before.status()) != DeliveryStatus.DEAD) {
                throw Problems.conflict("not-dead", "Only a dead delivery can be retried; this one is " + before.status());
            }
            if (before.digestId() != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE email_digest SET status = ?, attempts = 0, next_attempt_at = ?, "
                        + "last_error = NULL, updated_at = ? WHERE id = ? AND status = ?")) {
                    Sql.set(ps, 1, DeliveryStatus.PENDING);
                    ps.setObject(2, Sql.ts(now));
                    ps.setObject(3, Sql.ts(now));
                    ps.setObject(4, before.digestId());
                    Sql.set(ps, 5, DeliveryStatus.DEAD);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, attempts = 0, next_attempt_at = ?, "
                    + "updated_at = ? WHERE (id = ? OR (digest_id IS NOT NULL AND digest_id = ?)) AND status = ?")) {
                Sql.set(ps, 1, DeliveryStatus.PENDING);
                ps.setObject(2, Sql.ts(now));
                ps.setObject(3, Sql.ts(now));
                ps.setObject(4, id);
                ps.setObject(5, before.digestId());
                Sql.set(ps, 6, DeliveryStatus.DEAD);
                ps.executeUpdate();
            }
            Delivery after = find(c, id);
            audit.record("delivery.retried", "delivery", id, Map.of("status", before.status(), "attempts", before.attempts()),
                    Map.of("status", after.status(), "attempts", after.attempts()));
            return after;
        });
    }

    private static Delivery find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM delivery WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Problems.notFound("No delivery " + id);
                }
                return delivery(rs);
            }
        }
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"), Sql.uuid(rs, "jurisdiction_id"),
                Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"), rs.getString("recipient"), rs.getString("channel"),
                rs.getString("status"), rs.getInt("attempts"), Sql.instant(rs, "due_at"), Sql.instant(rs, "next_attempt_at"),
                Sql.instant(rs, "sent_at"), rs.getString("last_error"), Sql.uuid(rs, "digest_id"));
    }
}
