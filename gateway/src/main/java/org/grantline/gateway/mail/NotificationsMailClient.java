package org.grantline.gateway.mail;

import io.micronaut.http.client.annotation.Client;
import org.grantline.notifications.api.AccountEmailOperations;
import org.grantline.notifications.api.InvitationEmailOperations;

/**
 * The notifications service's mail paths for the gateway's own emails (service to service, the
 * gateway's own SERVICE token, attached by {@link GatewayServiceTokenFilter}): sent at once, so a 2xx
 * means SMTP took the message. The contracts and their records are notifications-api's.
 */
@Client(id = "notifications")
public interface NotificationsMailClient extends InvitationEmailOperations, AccountEmailOperations {
}
