package org.grantline.gateway.user;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The admin API: create, list, disable users; set their roles and jurisdiction. Auditors may read.
 * Agency administrators use the same operations on their own jurisdiction's users only, giving only
 * jurisdiction roles ({@link AgencyScope}); they invite rather than create (invitation package).
 */
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
@ProblemResponses.Authenticated
@Tag(name = "Users")
public class UserController {

    private final UserService service;

    public UserController(UserService service) {
        this.service = service;
    }

    @Post
    @Operation(summary = "Creates a user")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public HttpResponse<UserView> create(@Body @Valid UserCommands.UserCreateCommand command) {
        UserView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/users/" + created.id()));
    }

    @Get
    @Operation(summary = "Users, by username (an agency administrator: their own jurisdiction's)")
    @ProblemResponses.BadRequest
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.AGENCY_ADMIN})
    public UserPage list(@QueryValue(defaultValue = "0") @Min(0) int page,
                         @QueryValue(defaultValue = "50") @Min(1) @Max(100) int size,
                         @Nullable @QueryValue UUID jurisdictionId, Authentication caller) {
        return service.list(page, size, AgencyScope.of(caller), jurisdictionId);
    }

    @Get("/agency-admins")
    @Operation(summary = "A jurisdiction's enabled users and agency administrators (fewer than two: a single point of failure)")
    @ProblemResponses.BadRequest
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.DOJ_OFFICER, Roles.AGENCY_ADMIN})
    public AgencyAdminCoverage coverage(@QueryValue UUID jurisdictionId, Authentication caller) {
        // DOJ sees every jurisdiction's count (not its users); an agency administrator their own.
        return service.coverage(jurisdictionId, Caller.of(caller).seesAllJurisdictions()
                ? new AgencyScope(true, null) : AgencyScope.of(caller));
    }

    @Get("/agency-admins/missing")
    @Operation(summary = "Jurisdictions with enabled users but fewer than `below` (default 1: none) enabled agency administrators")
    @ProblemResponses.BadRequest
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.DOJ_OFFICER})
    public List<AgencyAdminCoverage> missing(@QueryValue(defaultValue = "1") @Min(1) @Max(10) int below) {
        return service.coverageBelow(below);
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One user")
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.AGENCY_ADMIN})
    public UserView get(UUID id, Authentication caller) {
        return service.get(id, AgencyScope.of(caller));
    }

    @Put("/{id}/roles")
    @Operation(summary = "Sets a user's roles and jurisdiction (optionally from the version read)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    public UserView setRoles(UUID id, @Body @Valid UserCommands.UserRolesCommand command, Authentication caller) {
        return service.setRoles(id, command, AgencyScope.of(caller));
    }

    @Post("/{id}/disable")
    @ProblemResponses.BadRequest
    @Operation(summary = "Disables a user and ends their sessions")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    public UserView disable(UUID id, Authentication caller) {
        return service.setEnabled(id, false, caller.getName(), AgencyScope.of(caller));
    }

    @Post("/{id}/enable")
    @ProblemResponses.BadRequest
    @Operation(summary = "Enables a user")
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    public UserView enable(UUID id, Authentication caller) {
        return service.setEnabled(id, true, caller.getName(), AgencyScope.of(caller));
    }

    /** Lifts the user's sign-in locks (from every address), e.g. after the user confirmed who they are. */
    @Post("/{id}/unlock")
    @Operation(summary = "Lifts the user's sign-in locks")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.ADMIN, Roles.AGENCY_ADMIN})
    public UserView unlock(UUID id, Authentication caller) {
        return service.unlock(id, AgencyScope.of(caller));
    }
}
