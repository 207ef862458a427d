package org.grantline.notifications.message;

/**
 * Where one email of a conversation message stands ({@code message_email.status}, stored by name): PENDING (to send at
 * {@code next_attempt_at}; claimed by a lease, the row staying PENDING), SENT (the SMTP server accepted it), FAILED
 * (gave up after max-attempts).
 */
public enum MessageEmailStatus {
    PENDING, SENT, FAILED
}
