package org.grantline.gateway.invitation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;

/** The notifications service's mail path for invitations (service to service, the gateway's own SERVICE token). */
@Client(id = "notifications")
public interface NotificationsMailClient {
    @Post("/internal/invitation-emails")
    HttpResponse<Void> send(@Header("Authorization") String authorization, @Body InvitationMail mail);
}
