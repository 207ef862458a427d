package org.grantline.grants.outbox;

import io.micronaut.http.client.annotation.Client;
import org.grantline.notifications.api.MessageNoticeOperations;
import org.grantline.notifications.api.ReminderChangesOperations;

/**
 * The notifications service's change and message intakes (notifications-api's contracts), called as
 * this service itself: shared's {@code ServiceTokenClientFilter} attaches its token.
 */
@Client(id = "notifications")
public interface NotificationsIntake extends ReminderChangesOperations, MessageNoticeOperations {
}
