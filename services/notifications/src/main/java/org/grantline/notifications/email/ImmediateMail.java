package org.grantline.notifications.email;

import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.problem.Problems;

import java.util.Map;

/**
 * One email sent at once over the service's SMTP session (the one the digests use), for account
 * notices a person is waiting for or must not miss (an invitation, a second factor reset): not
 * queued, so the caller learns at once when mail is down ({@code 503 mail-unavailable}). Every such
 * email carries {@code Auto-Submitted: auto-generated} (RFC 3834) and no {@code List-Unsubscribe}:
 * nobody may opt out of notices about their own account.
 */
@Singleton
public class ImmediateMail {
    private final SessionProvider sessions;
    private final MessageComposer composer;
    private final NotificationsConfig config;

    public ImmediateMail(SessionProvider sessions, MessageComposer composer, NotificationsConfig config) {
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
    }

    /** The web app's address, without a trailing slash. */
    public String appUrl() {
        return config.getAppUrl().replaceAll("/+$", "");
    }

    /** Sends now; {@code headers} are added as they are (e.g. an id header for support). Throws a 503 problem when SMTP refuses. */
    public void send(String to, String subject, EmailTemplates.Body body, Map<String, String> headers) {
        try {
            Message message = composer.compose(Email.builder()
                    .from(new Contact(config.getFromEmail(), config.getFromName()))
                    .to(to)
                    .subject(subject)
                    .body(new MultipartBody(body.html(), body.text())).build(), sessions.session());
            message.setHeader("Auto-Submitted", "auto-generated");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            message.saveChanges();
            Transport.send(message);
        } catch (MessagingException | RuntimeException e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable", "Service unavailable",
                    "The email could not be sent; try again later");
        }
    }
}
