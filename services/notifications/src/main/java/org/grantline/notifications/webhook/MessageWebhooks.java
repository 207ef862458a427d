package org.grantline.notifications.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Conversation messages for webhooks ({@code message_webhook}, V7): one row per active webhook that
 * serves the message's jurisdiction (or every one), made in the transaction that stores the message's
 * notice, so each is posted at least once; {@link WebhookDispatcher} posts them.
 */
@Singleton
public class MessageWebhooks {
    private final WebhookRepository webhooks;
    private final TransactionOperations<Connection> tx;

    public MessageWebhooks(WebhookRepository webhooks, TransactionOperations<Connection> tx) {
        this.webhooks = webhooks;
        this.tx = tx;
    }

    /** Makes the message's rows, due now; answers how many. Runs in the caller's transaction. */
    public int enqueue(Connection c, UUID messageId, UUID jurisdictionId, Instant now) throws SQLException {
        List<Webhook> serving = webhooks.findByActiveTrue().stream()
                .filter(h -> h.jurisdictionId() == null || h.jurisdictionId().equals(jurisdictionId)).toList();
        Jdbc.batch(c, "INSERT INTO message_webhook (id, message_id, webhook_id, jurisdiction_id, status, attempts, next_attempt_at, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING", serving, (p, h) -> p
                .add(UUID.randomUUID()).add(messageId).add(h.id()).add(jurisdictionId).add(DeliveryStatus.PENDING).add(now).add(now).add(now));
        return serving.size();
    }

    /** One message's post to one webhook, as its owner sees it. */
    @Serdeable
    public record Delivery(UUID id, UUID messageId, String status, int attempts, Instant nextAttemptAt, @Nullable Instant sentAt,
                           @Nullable String lastError, Instant createdAt) {
    }

    /** A webhook's message deliveries, newest first. */
    public List<Delivery> of(UUID webhookId, int limit) {
        return tx.executeRead(status -> Jdbc.list(status.getConnection(), "SELECT id, message_id, status, attempts, next_attempt_at, "
                + "sent_at, last_error, created_at FROM message_webhook WHERE webhook_id = ? ORDER BY created_at DESC, id LIMIT ?",
                p -> p.add(webhookId).add(limit),
                rs -> new Delivery(Sql.uuid(rs, "id"), Sql.uuid(rs, "message_id"), rs.getString("status"), rs.getInt("attempts"),
                        Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "sent_at"), rs.getString("last_error"),
                        Sql.instant(rs, "created_at"))));
    }
}
