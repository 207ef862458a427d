package org.grantline.notifications.delivery;

/** How a delivery reaches its recipient ({@code delivery.channel}, stored by name). */
public enum Channel {
    EMAIL, INBOX, WEBHOOK
}
