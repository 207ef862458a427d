package org.grantline.grants.outbox;

import org.grantline.notifications.api.MessageNoticeCommand;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Relays the message outbox ({@code message_notice}, written with each SHARED conversation message
 * in its own transaction) to the notifications service, one notice a call. Claims, lease, backoff,
 * delete and release as {@link ChangeRelay}: a batch is claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, the claim commits before any call (no transaction is held across HTTP), and a row is
 * deleted only after notifications answered 2xx (it is idempotent on the message id, so a repeat
 * after a lost answer is harmless). A failed call (notifications down, 5xx, a timeout) releases that
 * row with exponential backoff and ends the pass; the rows of the batch not yet tried are released
 * as they were. A notice refused as such (400, 403) will not be taken by trying again: it is kept,
 * with its error, and tried again only after the backoff cap, with a warning each time — never spun on.
 */
@Singleton
public class MessageNoticeRelay {
    private static final Logger LOG = LoggerFactory.getLogger(MessageNoticeRelay.class);
    /** At most this many rows claimed at once (each is its own call). */
    static final int BATCH = 50;

    private final NotificationsClient notifications;
    private final JsonMapper json;
    private final OutboxTable rows;

    public MessageNoticeRelay(TransactionOperations<Connection> tx, NotificationsClient notifications, JsonMapper json,
                              @Value("${grantline.outbox.lease:30s}") Duration lease,
                              @Value("${grantline.outbox.backoff-base:1s}") Duration backoffBase,
                              @Value("${grantline.outbox.backoff-cap:5m}") Duration backoffCap) {
        this.notifications = notifications;
        this.json = json;
        this.rows = new OutboxTable(tx, "message_notice", lease, backoffBase, backoffCap);
    }

    record Claimed(long id, UUID messageId, int attempts, String payload) {
    }

    /** What one pass did: notices delivered, notices refused for good (kept, tried again after the cap), and whether a call failed. */
    public record Outcome(int delivered, int refused, boolean failed) {
    }

    /** Claims and delivers notices until nothing is due or a call fails. */
    public Outcome relayDue() {
        int delivered = 0;
        int refused = 0;
        while (true) {
            List<Claimed> batch = claim();
            if (batch.isEmpty()) {
                return new Outcome(delivered, refused, false);
            }
            for (int i = 0; i < batch.size(); i++) {
                Claimed row = batch.get(i);
                try {
                    notifications.notice(json.readValue(row.payload(), MessageNoticeCommand.class));
                } catch (HttpClientResponseException e) {
                    if (e.getStatus() == HttpStatus.BAD_REQUEST || e.getStatus() == HttpStatus.FORBIDDEN) {
                        refused(row, e.getStatus().getCode() + " " + e.getMessage());
                        refused++;
                        continue;
                    }
                    failed(row, batch.subList(i + 1, batch.size()), e.toString());
                    return new Outcome(delivered, refused, true);
                } catch (IOException e) {
                    refused(row, "unreadable payload: " + e);
                    refused++;
                    continue;
                } catch (RuntimeException e) {
                    failed(row, batch.subList(i + 1, batch.size()), e.toString());
                    return new Outcome(delivered, refused, true);
                }
                rows.delete(List.of(row.id()));
                delivered++;
            }
            if (batch.size() < BATCH) {
                return new Outcome(delivered, refused, false);
            }
        }
    }

    private void refused(Claimed row, String error) {
        LOG.warn("Notifications refused the notice of message {} ({}); kept, and tried again in {} s", row.messageId(), error,
                rows.backoffCap().toSeconds());
        rows.release(List.of(row.id()), rows.backoffCap(), error);
    }

    private void failed(Claimed row, List<Claimed> untried, String error) {
        Duration delay = rows.backoff(row.attempts());
        LOG.warn("Notifications did not take the notice of message {} ({}); trying again in {} s", row.messageId(), error,
                delay.toSeconds());
        rows.release(List.of(row.id()), delay, error);
        if (!untried.isEmpty()) {
            rows.unclaim(untried.stream().map(Claimed::id).toList(), delay);
        }
    }

    private List<Claimed> claim() {
        return rows.claim(BATCH, "id, message_id, attempts, payload::text AS payload", rs -> new Claimed(rs.getLong("id"),
                rs.getObject("message_id", UUID.class), rs.getInt("attempts"), rs.getString("payload")), Claimed::id);
    }
}
