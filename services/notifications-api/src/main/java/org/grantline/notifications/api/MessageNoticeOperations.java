package org.grantline.notifications.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;

/**
 * Where the grants service (its own token, subject {@code grants}) announces each shared conversation
 * message, idempotent per {@code messageId}. Notifications' {@code MessageNoticeController} implements
 * it, grants' {@code @Client(id = "notifications")} extends it.
 */
public interface MessageNoticeOperations {
    String PATH = "/internal/message-notices";

    /** {@code created: false} when the message had been announced already. */
    @Post(PATH)
    NoticeResult announce(@Body MessageNoticeCommand command);
}
