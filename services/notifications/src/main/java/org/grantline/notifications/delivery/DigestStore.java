package org.grantline.notifications.delivery;

import jakarta.inject.Singleton;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/** The {@code email_digest} rows {@link DigestGrouping} makes and locks, in the fan-out's transaction. */
@Singleton
class DigestStore {
    /** Keys per locking query (two IN lists). */
    private static final int LOCK_CHUNK = 400;

    DigestGrouping.Store on(Connection c, Instant now) {
        return new DigestGrouping.Store() {
            @Override
            public Map<DigestGrouping.Key, DigestGrouping.Found> makeAndLock(SortedMap<DigestGrouping.Key, Instant> sendAt) throws SQLException {
                make(c, sendAt, now);
                return lock(c, new ArrayList<>(sendAt.keySet()));
            }

            @Override
            public void reopen(List<UUID> digests) throws SQLException {
                Jdbc.batch(c, "UPDATE email_digest SET status = ?, attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?", digests,
                        (p, id) -> p.add(DeliveryStatus.PENDING).add(now).add(now).add(id));
            }
        };
    }

    /** Each new digest has a stable Message-ID, kept across retries. */
    private static void make(Connection c, SortedMap<DigestGrouping.Key, Instant> sendAt, Instant now) throws SQLException {
        Jdbc.batch(c, "INSERT INTO email_digest (id, recipient, digest_date, status, attempts, next_attempt_at, message_id, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING", sendAt.entrySet(), (p, e) -> {
            UUID id = UUID.randomUUID();
            p.add(id).add(e.getKey().recipient()).add(e.getKey().day()).add(DeliveryStatus.PENDING).add(e.getValue())
                    .add("<digest." + id + "@grantline.notifications>").add(now).add(now);
        });
    }

    private static Map<DigestGrouping.Key, DigestGrouping.Found> lock(Connection c, List<DigestGrouping.Key> keys) throws SQLException {
        Map<DigestGrouping.Key, DigestGrouping.Found> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += LOCK_CHUNK) {
            List<DigestGrouping.Key> chunk = keys.subList(from, Math.min(keys.size(), from + LOCK_CHUNK));
            Set<String> recipients = new LinkedHashSet<>();
            Set<LocalDate> days = new LinkedHashSet<>();
            chunk.forEach(k -> {
                recipients.add(k.recipient());
                days.add(k.day());
            });
            record Row(DigestGrouping.Key key, DigestGrouping.Found digest) {
            }
            Jdbc.list(c, "SELECT id, recipient, digest_date, status FROM email_digest WHERE recipient IN (" + Sql.marks(recipients.size())
                    + ") AND digest_date IN (" + Sql.marks(days.size()) + ") ORDER BY recipient, digest_date FOR UPDATE",
                    p -> p.addAll(recipients).addAll(days),
                    rs -> new Row(new DigestGrouping.Key(rs.getString("recipient"), rs.getObject("digest_date", LocalDate.class)),
                            new DigestGrouping.Found(Sql.uuid(rs, "id"), DeliveryStatus.valueOf(rs.getString("status")))))
                    .forEach(r -> found.put(r.key(), r.digest()));
        }
        return found;
    }
}
