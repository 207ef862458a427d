package org.grantline.notifications.invitation;

import org.grantline.notifications.api.InvitationEmailCommand;
import jakarta.inject.Singleton;
import org.grantline.notifications.email.EmailTemplates;
import org.grantline.notifications.email.ImmediateMail;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Sends one invitation email at once ({@link ImmediateMail}): the administrator who invites is
 * waiting and is told at once when mail is down (503), and the gateway withdraws the invitation then.
 */
@Singleton
public class InvitationMailer {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ImmediateMail mail;
    private final EmailTemplates templates;
    private final AuditTrail audit;

    public InvitationMailer(ImmediateMail mail, EmailTemplates templates, AuditTrail audit) {
        this.mail = mail;
        this.templates = templates;
        this.audit = audit;
    }

    /** What the templates ({@code email/invitation.*}) are given. */
    public record View(String displayName, String invitedBy, String username, String roles, String until, String link) {
    }

    public void send(InvitationEmailCommand c) {
        EmailTemplates.Body body = templates.render(EmailTemplates.Template.INVITATION, new View(c.displayName(), c.invitedBy(),
                c.username(), String.join(", ", c.roles()), WHEN.format(c.expiresAt()), mail.appUrl() + "/#/invitation/" + c.token()));
        try {
            mail.send(c.to(), "Your invitation to GrantLine", body, Map.of("X-GrantLine-Invitation", c.invitationId().toString()));
        } catch (RuntimeException e) {
            LOG.warn("Invitation {} not sent: {}", c.invitationId(), e.toString());
            throw e;
        }
        audit.record("invitation-email.sent", "invitation", c.invitationId(), null,
                Map.of("to", c.to(), "username", c.username(), "roles", c.roles(), "expiresAt", c.expiresAt().toString()));
    }
}
