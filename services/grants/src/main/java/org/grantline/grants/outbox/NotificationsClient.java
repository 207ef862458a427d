package org.grantline.grants.outbox;

import jakarta.inject.Singleton;
import org.grantline.notifications.api.ChangesCommand;
import org.grantline.notifications.api.MessageNoticeCommand;
import org.grantline.notifications.api.NoticeResult;

import java.util.List;
import java.util.UUID;

/**
 * The notifications service's change intake ({@code POST /api/reminders/changes}) and message intake
 * ({@code POST /internal/message-notices}) as the relays use them, over the declarative
 * {@link NotificationsIntake}: called as this service itself (client credentials, role SERVICE), found
 * like any other instance (Consul, or {@code NOTIFICATIONS_URLS} on the embedded default). For
 * requirement changes only ids travel: notifications reads their state back from the deadline feed,
 * which stays the source of truth. A message notice travels whole (it is all notifications learns of
 * the message).
 */
@Singleton
public class NotificationsClient {
    private final NotificationsIntake notifications;

    public NotificationsClient(NotificationsIntake notifications) {
        this.notifications = notifications;
    }

    /** Announces that these requirements changed; throws on anything but a 2xx (the relay tries again later). */
    public void announce(List<UUID> requirementIds) {
        notifications.changed(new ChangesCommand(requirementIds));
    }

    /**
     * Tells notifications of a shared message; true when it was new there, false when it already had it
     * (idempotent on the message id). Throws on anything but a 2xx: an
     * {@link io.micronaut.http.client.exceptions.HttpClientResponseException} carries the status.
     */
    public boolean notice(MessageNoticeCommand notice) {
        NoticeResult answer = notifications.announce(notice);
        return answer == null || answer.created();
    }
}
