package org.grantline.notifications.invitation;

import jakarta.inject.Singleton;
import org.grantline.notifications.email.ImmediateMail;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.grantline.notifications.email.ImmediateMail.esc;

/**
 * Sends one invitation email at once ({@link ImmediateMail}): the administrator who invites is
 * waiting and is told at once when mail is down (503), and the gateway withdraws the invitation then.
 */
@Singleton
public class InvitationMailer {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ImmediateMail mail;
    private final AuditTrail audit;

    public InvitationMailer(ImmediateMail mail, AuditTrail audit) {
        this.mail = mail;
        this.audit = audit;
    }

    public void send(InvitationEmailCommand c) {
        String link = mail.appUrl() + "/#/invitation/" + c.token();
        String until = WHEN.format(c.expiresAt());
        String text = "Hello " + c.displayName() + ",\n\n" + c.invitedBy() + " invites you to GrantLine as " + c.username()
                + " (" + String.join(", ", c.roles()) + ").\n\nSet your password here (the link works once, until " + until + "):\n"
                + link + "\n\nIf you did not expect this, ignore this email.\n";
        String html = "<p>Hello " + esc(c.displayName()) + ",</p><p>" + esc(c.invitedBy()) + " invites you to GrantLine as <b>"
                + esc(c.username()) + "</b> (" + esc(String.join(", ", c.roles())) + ").</p><p><a href=\"" + esc(link)
                + "\">Set your password</a> (the link works once, until " + esc(until) + ").</p>"
                + "<p>If you did not expect this, ignore this email.</p>";
        try {
            mail.send(c.to(), "Your invitation to GrantLine", html, text, Map.of("X-GrantLine-Invitation", c.invitationId().toString()));
        } catch (RuntimeException e) {
            LOG.warn("Invitation {} not sent: {}", c.invitationId(), e.toString());
            throw e;
        }
        audit.record("invitation-email.sent", "invitation", c.invitationId(), null,
                Map.of("to", c.to(), "username", c.username(), "roles", c.roles(), "expiresAt", c.expiresAt().toString()));
    }
}
