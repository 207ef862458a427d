package org.grantline.notifications.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;

/**
 * The gateway (its own token, subject {@code gateway}) has a person told about a change to their own
 * account, sent at once: a 2xx (204) means SMTP took it, mail down is a 503. Notifications'
 * {@code AccountEmailController} implements it, the gateway's {@code @Client(id = "notifications")} extends it.
 */
public interface AccountEmailOperations {
    String PATH = "/internal/account-emails";

    @Post(PATH)
    void send(@Body AccountEmailCommand command);
}
