package org.grantline.grants.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Relays the outbox ({@code requirement_change}, written by a trigger in the transaction of every
 * requirement change) to the notifications service. At least once and replica-safe: a batch is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas take disjoint batches and the
 * claim commits before the call (no transaction is held open across HTTP); rows are deleted only
 * after notifications answered 2xx. A failed call releases the batch with exponential backoff; a
 * relay that dies mid-call leaves its rows to be claimed again when the lease ends. A repeat costs
 * nothing that matters: notifications re-reads the requirements from the feed and plans idempotently.
 */
@Singleton
public class ChangeRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRelay.class);
    /** At most this many ids a call (the notifications service refuses more). */
    static final int BATCH = 500;

    private final TransactionOperations<Connection> tx;
    private final NotificationsClient notifications;
    private final Duration lease;
    private final Duration backoffBase;
    private final Duration backoffCap;

    public ChangeRelay(TransactionOperations<Connection> tx, NotificationsClient notifications,
                       @Value("${grantline.outbox.lease:30s}") Duration lease,
                       @Value("${grantline.outbox.backoff-base:1s}") Duration backoffBase,
                       @Value("${grantline.outbox.backoff-cap:5m}") Duration backoffCap) {
        this.tx = tx;
        this.notifications = notifications;
        this.lease = lease;
        this.backoffBase = backoffBase;
        this.backoffCap = backoffCap;
    }

    record Claimed(long id, UUID requirementId, int attempts) {
    }

    /** What one pass did: rows delivered, and whether a call failed (the rest waits for its backoff). */
    public record Outcome(int delivered, boolean failed) {
    }

    /** Claims and delivers batches until nothing is due or a call fails. */
    public Outcome relayDue() {
        int delivered = 0;
        while (true) {
            List<Claimed> batch = claim();
            if (batch.isEmpty()) {
                return new Outcome(delivered, false);
            }
            List<UUID> ids = List.copyOf(new LinkedHashSet<>(batch.stream().map(Claimed::requirementId).toList()));
            try {
                notifications.announce(ids);
            } catch (RuntimeException e) {
                Duration delay = backoff(batch.stream().mapToInt(Claimed::attempts).max().orElse(1));
                LOG.warn("Notifications did not take {} requirement changes ({}); trying again in {} s", ids.size(), e.toString(),
                        delay.toSeconds());
                release(batch, delay, e.toString());
                return new Outcome(delivered, true);
            }
            delete(batch);
            delivered += batch.size();
            if (batch.size() < BATCH) {
                return new Outcome(delivered, false);
            }
        }
    }

    /** base × 2^(attempts−1), at most the cap. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffCap) > 0 ? backoffCap : d;
    }

    private List<Claimed> claim() {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE requirement_change SET claimed_until = clock_timestamp() + make_interval(secs => ?), attempts = attempts + 1 "
                            + "WHERE id IN (SELECT id FROM requirement_change WHERE next_attempt_at <= clock_timestamp() "
                            + "AND (claimed_until IS NULL OR claimed_until < clock_timestamp()) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                            + "RETURNING id, requirement_id, attempts")) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setInt(2, BATCH);
                List<Claimed> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getLong("id"), rs.getObject("requirement_id", UUID.class), rs.getInt("attempts")));
                    }
                }
                return claimed;
            }
        });
    }

    private void delete(List<Claimed> batch) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM requirement_change WHERE id = ANY (?)")) {
                ps.setArray(1, ids(status.getConnection(), batch));
                return ps.executeUpdate();
            }
        });
    }

    private void release(List<Claimed> batch, Duration delay, String error) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE requirement_change SET claimed_until = NULL, next_attempt_at = clock_timestamp() + make_interval(secs => ?), "
                            + "last_error = ? WHERE id = ANY (?)")) {
                ps.setDouble(1, delay.toMillis() / 1000.0);
                ps.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
                ps.setArray(3, ids(status.getConnection(), batch));
                return ps.executeUpdate();
            }
        });
    }

    private static Array ids(Connection c, List<Claimed> batch) throws java.sql.SQLException {
        return c.createArrayOf("bigint", batch.stream().map(Claimed::id).toArray());
    }
}
