package org.grantline.notifications.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;

/**
 * Where the grants service (its own token, subject {@code grants}) announces right after commit which
 * requirements changed; notifications reads them back from grants' feed and plans them at once.
 * Notifications' {@code ReminderChangesController} implements it, grants' {@code @Client(id = "notifications")} extends it.
 */
public interface ReminderChangesOperations {
    String PATH = "/api/reminders/changes";

    /** Plans the named requirements now; a 503 when grants' feed could not be read. */
    @Post(PATH)
    ChangesResult changed(@Body ChangesCommand command);
}
