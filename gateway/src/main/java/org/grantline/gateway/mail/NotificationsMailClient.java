package org.grantline.gateway.mail;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;

/**
 * The notifications service's mail paths for the gateway's own emails (service to service, the
 * gateway's own SERVICE token): sent at once, so a 2xx means SMTP took the message.
 */
@Client(id = "notifications")
public interface NotificationsMailClient {
    @Post("/internal/invitation-emails")
    HttpResponse<Void> send(@Header("Authorization") String authorization, @Body InvitationMail mail);

    @Post("/internal/account-emails")
    HttpResponse<Void> account(@Header("Authorization") String authorization, @Body AccountMail mail);
}
