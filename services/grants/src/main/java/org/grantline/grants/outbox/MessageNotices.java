package org.grantline.grants.outbox;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import org.grantline.notifications.api.MessageNoticeCommand;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Writes a message's notice to the outbox ({@code message_notice}) in the caller's transaction (it
 * joins the one running; its insert trigger NOTIFYs the relays at commit). Call it in the same
 * transaction that saves the message, so both commit or neither does.
 */
@Singleton
public class MessageNotices {
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    public MessageNotices(TransactionOperations<Connection> tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    public void enqueue(MessageNoticeCommand notice) {
        String payload;
        try {
            payload = json.writeValueAsString(notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO message_notice (message_id, payload) VALUES (?, ?::jsonb)")) {
                ps.setObject(1, notice.messageId());
                ps.setString(2, payload);
                return ps.executeUpdate();
            }
        });
    }
}
