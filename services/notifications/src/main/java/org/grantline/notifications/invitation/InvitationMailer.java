package org.grantline.notifications.invitation;

import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Sends one invitation email at once over the service's SMTP session (the one the digests use),
 * with {@code Auto-Submitted: auto-generated}. Not queued: the administrator who invites is waiting
 * and is told at once when mail is down (503), and the gateway withdraws the invitation then.
 */
@Singleton
public class InvitationMailer {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SessionProvider sessions;
    private final MessageComposer composer;
    private final NotificationsConfig config;
    private final AuditTrail audit;

    public InvitationMailer(SessionProvider sessions, MessageComposer composer, NotificationsConfig config, AuditTrail audit) {
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
        this.audit = audit;
    }

    public void send(InvitationEmailCommand c) {
        String link = config.getAppUrl().replaceAll("/+$", "") + "/#/invitation/" + c.token();
        String until = WHEN.format(c.expiresAt());
        String text = "Hello " + c.displayName() + ",\n\n" + c.invitedBy() + " invites you to GrantLine as " + c.username()
                + " (" + String.join(", ", c.roles()) + ").\n\nSet your password here (the link works once, until " + until + "):\n"
                + link + "\n\nIf you did not expect this, ignore this email.\n";
        String html = "<p>Hello " + esc(c.displayName()) + ",</p><p>" + esc(c.invitedBy()) + " invites you to GrantLine as <b>"
                + esc(c.username()) + "</b> (" + esc(String.join(", ", c.roles())) + ").</p><p><a href=\"" + esc(link)
                + "\">Set your password</a> (the link works once, until " + esc(until) + ").</p>"
                + "<p>If you did not expect this, ignore this email.</p>";
        Session session = sessions.session();
        try {
            Message message = composer.compose(Email.builder()
                    .from(new Contact(config.getFromEmail(), config.getFromName()))
                    .to(c.to())
                    .subject("Your invitation to GrantLine")
                    .body(new MultipartBody(html, text)).build(), session);
            message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies back
            message.setHeader("X-GrantLine-Invitation", c.invitationId().toString());
            message.saveChanges();
            Transport.send(message);
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Invitation {} not sent: {}", c.invitationId(), e.toString());
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable", "Service unavailable",
                    "The invitation email could not be sent; try again later");
        }
        audit.record("invitation-email.sent", "invitation", c.invitationId(), null,
                Map.of("to", c.to(), "username", c.username(), "roles", c.roles(), "expiresAt", c.expiresAt().toString()));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
