package org.grantline.notifications.delivery;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.support.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes the fan-out's {@code delivery} rows and in-app notices, in its transaction: one row per
 * (requirement, deadline, offset, recipient, channel), the unique key making a repeat a no-op
 * ({@code ON CONFLICT DO NOTHING}, one JDBC batch for the whole fan-out batch).
 */
@Singleton
class DeliveryRows {

    /** A delivery to make: an email (in its digest), a webhook post, or an in-app notice (sent as it is written). */
    record Row(UUID id, DueReminder due, String recipient, Channel channel, @Nullable UUID digestId, DeliveryStatus status, NoticeKind kind) {
        static Row of(DueReminder due, String recipient, Channel channel, @Nullable UUID digestId, NoticeKind kind) {
            return new Row(UUID.randomUUID(), due, recipient, channel, digestId,
                    channel == Channel.INBOX ? DeliveryStatus.SENT : DeliveryStatus.PENDING, kind);
        }
    }

    /** An in-app notice for an audience (a jurisdiction's officials, or DOJ). */
    record Notice(DueReminder due, String audience, String subject, String body, NoticeKind kind) {
    }

    private static final String INSERT = "INSERT INTO delivery (id, reminder_id, requirement_id, jurisdiction_id, deadline_at, offset_days, "
            + "recipient, channel, digest_id, status, attempts, next_attempt_at, due_at, sent_at, created_at, updated_at, notice_kind) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** Answers for each row whether it is new (false: it existed already). */
    private static boolean[] insert(Connection c, List<Row> rows, Instant now) throws SQLException {
        int[] counts = Jdbc.batch(c, INSERT, rows, (p, r) -> p.add(r.id()).add(r.due().id()).add(r.due().requirementId())
                .add(r.due().jurisdictionId()).add(r.due().deadline()).add(r.due().offset()).add(r.recipient()).add(r.channel())
                .add(r.digestId()).add(r.status()).add(now).add(r.due().dueAt()).add(r.status() == DeliveryStatus.SENT ? now : null)
                .add(now).add(now).add(r.kind()));
        boolean[] fresh = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            fresh[i] = counts[i] != 0;
        }
        return fresh;
    }

    /** Emails and webhook posts; one stopped earlier (court order, then lifted) that is due again is pending once more. */
    void deliveries(Connection c, List<Row> rows, Instant now) throws SQLException {
        boolean[] fresh = insert(c, rows, now);
        List<Row> reopen = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (!fresh[i]) {
                reopen.add(rows.get(i));
            }
        }
        Jdbc.batch(c, "UPDATE delivery SET reminder_id = ?, digest_id = ?, status = ?, attempts = 0, next_attempt_at = ?, "
                + "last_error = NULL, updated_at = ? WHERE requirement_id = ? AND deadline_at = ? AND offset_days = ? AND recipient = ? "
                + "AND channel = ? AND status = ?", reopen, (p, r) -> p.add(r.due().id()).add(r.digestId()).add(DeliveryStatus.PENDING)
                .add(now).add(now).add(r.due().requirementId()).add(r.due().deadline()).add(r.due().offset()).add(r.recipient())
                .add(r.channel()).add(DeliveryStatus.CANCELLED));
    }

    /** In-app notices, each with its INBOX delivery row in the same transaction: a notice is written only with a new row, so exactly once. */
    void notices(Connection c, List<Notice> notices, Instant now) throws SQLException {
        List<Row> rows = notices.stream().map(n -> Row.of(n.due(), n.audience(), Channel.INBOX, null, n.kind())).toList();
        boolean[] fresh = insert(c, rows, now);
        record Written(Notice notice, Row row) {
        }
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                written.add(new Written(notices.get(i), rows.get(i)));
            }
        }
        Jdbc.batch(c, "INSERT INTO notification (id, subject, body, created_at, jurisdiction_id, audience, requirement_id, delivery_id, "
                + "notice_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", written, (p, w) -> p.add(UUID.randomUUID()).add(w.notice().subject())
                .add(w.notice().body()).add(now).add(w.notice().due().jurisdictionId()).add(w.notice().audience())
                .add(w.notice().due().requirementId()).add(w.row().id()).add(w.notice().kind()));
    }
}
