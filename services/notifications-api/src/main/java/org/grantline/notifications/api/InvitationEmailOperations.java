package org.grantline.notifications.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;

/**
 * The gateway (its own token, subject {@code gateway}) has an invitation emailed at once: a 2xx (204)
 * means SMTP took it, mail down is a 503. Notifications' {@code InvitationEmailController} implements
 * it, the gateway's {@code @Client(id = "notifications")} extends it.
 */
public interface InvitationEmailOperations {
    String PATH = "/internal/invitation-emails";

    @Post(PATH)
    void send(@Body InvitationEmailCommand command);
}
