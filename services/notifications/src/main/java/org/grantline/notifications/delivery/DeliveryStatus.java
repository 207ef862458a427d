package org.grantline.notifications.delivery;

/**
 * Where a delivery ({@code delivery.status}) or an email digest ({@code email_digest.status}) stands, stored by name:
 * PENDING (to send at {@code next_attempt_at}), SENDING (claimed by a replica), SENT, FAILED (to retry after a backoff),
 * DEAD (gave up after max-attempts; an operator may retry it), CANCELLED (stopped before it went out).
 */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, FAILED, DEAD, CANCELLED;

    /** How a sender's claims move a digest or a webhook delivery: claimed as SENDING, retried as FAILED, given up as DEAD. */
    public static final ClaimTable.States<DeliveryStatus> CLAIMS = new ClaimTable.States<>(java.util.EnumSet.of(PENDING, FAILED), SENDING,
            SENT, FAILED, DEAD);

    /** A digest in this state still takes the day's reminders (a cancelled one is reopened); otherwise they go to the next day's. */
    public boolean takesMoreItems() {
        return this == PENDING || this == FAILED || this == CANCELLED;
    }
}
