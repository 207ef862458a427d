package org.grantline.grants.outbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
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

    private final NotificationsClient notifications;
    private final OutboxTable rows;

    public ChangeRelay(TransactionOperations<Connection> tx, NotificationsClient notifications,
                       @Value("${grantline.outbox.lease:30s}") Duration lease,
                       @Value("${grantline.outbox.backoff-base:1s}") Duration backoffBase,
                       @Value("${grantline.outbox.backoff-cap:5m}") Duration backoffCap) {
        this.notifications = notifications;
        this.rows = new OutboxTable(tx, "requirement_change", lease, backoffBase, backoffCap);
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
                Duration delay = rows.backoff(batch.stream().mapToInt(Claimed::attempts).max().orElse(1));
                LOG.warn("Notifications did not take {} requirement changes ({}); trying again in {} s", ids.size(), e.toString(),
                        delay.toSeconds());
                rows.release(rowIds(batch), delay, e.toString());
                return new Outcome(delivered, true);
            }
            rows.delete(rowIds(batch));
            delivered += batch.size();
            if (batch.size() < BATCH) {
                return new Outcome(delivered, false);
            }
        }
    }

    private List<Claimed> claim() {
        return rows.claim(BATCH, "id, requirement_id, attempts",
                rs -> new Claimed(rs.getLong("id"), rs.getObject("requirement_id", UUID.class), rs.getInt("attempts")), Claimed::id);
    }

    private static List<Long> rowIds(List<Claimed> batch) {
        return batch.stream().map(Claimed::id).toList();
    }
}
