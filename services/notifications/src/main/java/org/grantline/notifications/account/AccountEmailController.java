package org.grantline.notifications.account;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.utils.SecurityService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.notifications.api.AccountEmailCommand;
import org.grantline.notifications.api.AccountEmailOperations;
import org.grantline.notifications.email.EmailTemplates;
import org.grantline.notifications.email.ImmediateMail;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Service to service only: the gateway (its own token, subject {@code gateway}) has a person told
 * about a change to their own account that they did not make themselves — today an administrator's
 * reset of their second factor. Sent at once ({@link ImmediateMail}; no opting out, no
 * List-Unsubscribe) and audited; mail down is {@code 503 mail-unavailable}. Not under a prefix the
 * gateway routes, so nobody outside reaches it through the gateway. The contract is notifications-api's
 * {@link AccountEmailOperations}.
 */
@Controller
@Secured(Roles.SERVICE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class AccountEmailController implements AccountEmailOperations {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEmailController.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final String GATEWAY = "gateway";

    private final ImmediateMail mail;
    private final EmailTemplates templates;
    private final AuditTrail audit;
    private final SecurityService security;

    public AccountEmailController(ImmediateMail mail, EmailTemplates templates, AuditTrail audit, SecurityService security) {
        this.mail = mail;
        this.templates = templates;
        this.audit = audit;
        this.security = security;
    }

    /** What the templates ({@code email/second-factor-reset.*}) are given. */
    public record SecondFactorReset(String displayName, String by, String username, String when, String signIn) {
    }

    @Override
    @Operation(summary = "Emails a person a notice about their own account, e.g. their second factor was reset (the gateway only)")
    @NoContent
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    public void send(@Body @Valid AccountEmailCommand command) {
        if (!GATEWAY.equals(security.getAuthentication().orElseThrow().getName())) {
            throw Problems.forbidden("Only the gateway sends account notices");
        }
        // One kind today; a switch so that a new kind cannot be added without its text.
        String subject = switch (command.kind()) {
            case SECOND_FACTOR_RESET -> "Your GrantLine second factor was reset";
        };
        EmailTemplates.Body body = switch (command.kind()) {
            case SECOND_FACTOR_RESET -> templates.render(EmailTemplates.Template.SECOND_FACTOR_RESET, new SecondFactorReset(
                    command.displayName(), command.by(), command.username(), WHEN.format(command.at()), mail.appUrl() + "/"));
        };
        try {
            mail.send(command.to(), subject, body, Map.of("X-GrantLine-Account-Notice", command.kind().name()));
        } catch (RuntimeException e) {
            LOG.warn("Account notice {} for user {} not sent: {}", command.kind(), command.userId(), e.toString());
            throw e;
        }
        audit.record("account-email.sent", "user", command.userId(), null,
                Map.of("kind", command.kind().name(), "to", command.to(), "username", command.username(), "by", command.by()));
    }
}
