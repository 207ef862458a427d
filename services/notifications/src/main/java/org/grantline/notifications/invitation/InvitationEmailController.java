package org.grantline.notifications.invitation;

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
import org.grantline.notifications.api.InvitationEmailCommand;
import org.grantline.notifications.api.InvitationEmailOperations;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

/**
 * Service to service only: the gateway (its own token, subject {@code gateway}, role SERVICE) has an
 * agency administrator's invitation emailed. Not under a prefix the gateway routes, so nobody
 * outside reaches it through the gateway. The contract is notifications-api's {@link InvitationEmailOperations}.
 */
@Controller
@Secured(Roles.SERVICE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class InvitationEmailController implements InvitationEmailOperations {
    static final String GATEWAY = "gateway";

    private final InvitationMailer mailer;
    private final SecurityService security;

    public InvitationEmailController(InvitationMailer mailer, SecurityService security) {
        this.mailer = mailer;
        this.security = security;
    }

    @Override
    @Operation(summary = "Emails an invitation to create a GrantLine account (the gateway only)")
    @NoContent
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    public void send(@Body @Valid InvitationEmailCommand command) {
        if (!GATEWAY.equals(security.getAuthentication().orElseThrow().getName())) {
            throw Problems.forbidden("Only the gateway sends invitations");
        }
        mailer.send(command);
    }
}
