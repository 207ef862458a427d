package org.grantline.gateway.invitation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.gateway.user.AgencyScope;
import org.grantline.gateway.user.UserView;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Invitations: agency administrators (own jurisdiction) and administrators invite; the invitee accepts from the email's link. */
@Controller("/api/invitations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
public class InvitationController {
    private final InvitationService service;

    public InvitationController(InvitationService service) {
        this.service = service;
    }

    @Post
    @Operation(summary = "Invites a colleague by email to a jurisdiction role (a single-use link, 72 hours)")
    @Created
    @Status(HttpStatus.CREATED)
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    @ProblemResponses.Authenticated
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @ProblemResponses.ServiceUnavailable
    public HttpResponse<InvitationView> invite(@Body @Valid InvitationCommands.InvitationCreateCommand command,
                                               Authentication caller) {
        InvitationView created = service.invite(command, AgencyScope.of(caller), caller.getName());
        return HttpResponse.created(created, URI.create("/api/invitations/" + created.id()));
    }

    @Get
    @Operation(summary = "Invitations, newest first (an agency administrator: their own jurisdiction's)")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.AGENCY_ADMIN})
    @ProblemResponses.Authenticated
    public List<InvitationView> list(Authentication caller) {
        return service.list(AgencyScope.of(caller));
    }

    @Post("/{id}/revoke")
    @Operation(summary = "Withdraws a pending invitation: its link no longer works")
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    @ProblemResponses.Authenticated
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public InvitationView revoke(UUID id, Authentication caller) {
        return service.revoke(id, AgencyScope.of(caller));
    }

    @Post("/preview")
    @Operation(summary = "The invitation behind a link, while it can be accepted")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public InvitationCommands.InvitationPreview preview(@Body @Valid InvitationCommands.InvitationTokenCommand command) {
        return service.preview(command.token());
    }

    @Post("/accept")
    @Operation(summary = "Accepts an invitation: sets the password and creates the account (the link works once)")
    @Created
    @Status(HttpStatus.CREATED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public HttpResponse<UserView> accept(@Body @Valid InvitationCommands.InvitationAcceptCommand command) {
        UserView user = service.accept(command.token(), command.password());
        return HttpResponse.created(user, URI.create("/api/users/" + user.id()));
    }
}
