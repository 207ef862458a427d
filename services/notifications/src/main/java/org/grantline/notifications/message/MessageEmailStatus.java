package org.grantline.notifications.message;

import org.grantline.notifications.delivery.ClaimTable;

/**
 * Where one email of a conversation message stands ({@code message_email.status}, stored by name): PENDING (to send at
 * {@code next_attempt_at}; claimed by a lease, the row staying PENDING), SENT (the SMTP server accepted it), FAILED
 * (gave up after max-attempts).
 */
public enum MessageEmailStatus {
    PENDING, SENT, FAILED;

    /** How the mailer's claims move a row: it stays PENDING while claimed (its lease says so), is retried as PENDING, gives up as FAILED. */
    public static final ClaimTable.States<MessageEmailStatus> CLAIMS = new ClaimTable.States<>(java.util.EnumSet.of(PENDING), PENDING,
            SENT, PENDING, FAILED);
}
