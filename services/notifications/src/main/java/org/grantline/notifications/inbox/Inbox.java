package org.grantline.notifications.inbox;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who sees which notice, and per-person read state. */
@Singleton
public class Inbox {
    private final TransactionOperations<Connection> tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.grantline.notifications.preference.NotificationPreferences preferences;

    public Inbox(TransactionOperations<Connection> tx, AuditTrail audit, Clock clock,
                 org.grantline.notifications.preference.NotificationPreferences preferences) {
        this.preferences = preferences;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** WHERE clause for "visible to the caller", with its parameters. */
    private record Scope(String sql, List<Object> params) {
    }

    /** What the caller sees, less the kinds of notice they declined (mandatory ones are never hidden). */
    private Scope scope(Caller caller) {
        Scope scope = audience(caller);
        java.util.List<String> hidden = preferences.find(org.grantline.notifications.preference.NotificationPreference.SubjectType.USER,
                caller.subject()).map(p -> p.declined().stream().filter(k -> !k.mandatory()).map(Enum::name).toList()).orElse(List.of());
        if (hidden.isEmpty()) {
            return scope;
        }
        List<Object> params = new ArrayList<>(scope.params());
        params.addAll(hidden);
        return new Scope(scope.sql() + " AND (n.notice_kind IS NULL OR n.notice_kind NOT IN ("
                + String.join(", ", java.util.Collections.nCopies(hidden.size(), "?")) + "))", params);
    }

    private static Scope audience(Caller caller) {
        StringBuilder sql = new StringBuilder("(n.recipient = ?");
        List<Object> params = new ArrayList<>(List.of(caller.subject()));
        if ((caller.has(Roles.JURISDICTION_OFFICIAL) || caller.has(Roles.LEGAL_OFFICER)) && caller.jurisdictionId().isPresent()) {
            sql.append(" OR (n.audience = 'JURISDICTION' AND n.jurisdiction_id = ?)");
            params.add(caller.jurisdictionId().get());
        }
        if (caller.has(Roles.DOJ_OFFICER)) {
            sql.append(" OR n.audience = 'DOJ'");
        }
        return new Scope(sql.append(")").toString(), params);
    }

    public NotificationView.Page page(Caller caller, int page, int size) {
        Scope scope = scope(caller);
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notification n WHERE " + scope.sql())) {
                Sql.bind(ps, 1, scope.params());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<NotificationView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT n.id, n.subject, n.body, n.created_at, n.jurisdiction_id, n.requirement_id, n.link, "
                    + "COALESCE(n.read_at, r.read_at) AS read_at FROM notification n LEFT JOIN notification_read r "
                    + "ON r.notification_id = n.id AND r.username = ? WHERE " + scope.sql()
                    + " ORDER BY n.created_at DESC, n.id LIMIT ? OFFSET ?")) {
                ps.setString(1, caller.subject());
                int i = Sql.bind(ps, 2, scope.params());
                ps.setInt(i, size);
                ps.setLong(i + 1, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new NotificationView(Sql.uuid(rs, "id"), rs.getString("subject"), rs.getString("body"),
                                Sql.instant(rs, "created_at"), Sql.instant(rs, "read_at"), Sql.uuid(rs, "jurisdiction_id"),
                                Sql.uuid(rs, "requirement_id"), rs.getString("link")));
                    }
                }
            }
            return new NotificationView.Page(items, page, size, total);
        });
    }

    public long unread(Caller caller) {
        Scope scope = scope(caller);
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT COUNT(*) FROM notification n LEFT JOIN notification_read r "
                    + "ON r.notification_id = n.id AND r.username = ? WHERE n.read_at IS NULL AND r.read_at IS NULL AND " + scope.sql())) {
                ps.setString(1, caller.subject());
                Sql.bind(ps, 2, scope.params());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void markRead(UUID id, Caller caller) {
        Scope scope = scope(caller);
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT n.id FROM notification n WHERE n.id = ? AND " + scope.sql())) {
                ps.setObject(1, id);
                Sql.bind(ps, 2, scope.params());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw Problems.notFound("No notification " + id);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_read (notification_id, username, read_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setObject(1, id);
                ps.setString(2, caller.subject());
                ps.setObject(3, Sql.ts(clock.instant()));
                if (ps.executeUpdate() == 1) {
                    audit.record("notification.read", "notification", id, null, Map.of("by", caller.subject()));
                }
            }
            return null;
        });
    }
}
