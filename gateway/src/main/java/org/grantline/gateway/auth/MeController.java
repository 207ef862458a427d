package org.grantline.gateway.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import org.grantline.gateway.user.UserCommands;
import org.grantline.gateway.user.UserService;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.Collection;
import java.util.UUID;

/** {@code GET /api/me}: who the token says the caller is; {@code PUT /api/me/password}: a person changes their password. */
@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Authenticated
@Tag(name = "Me")
public class MeController {

    private final UserService users;

    public MeController(UserService users) {
        this.users = users;
    }

    @Serdeable
    public record Me(String username, @Nullable String name, Collection<String> roles, @Nullable UUID jurisdictionId) {
    }

    @Get
    @Operation(summary = "Who the token says the caller is")
    public Me me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Object name = authentication.getAttributes().get("name");
        return new Me(caller.subject(), name == null ? null : name.toString(), caller.roles(),
                caller.jurisdictionId().orElse(null));
    }

    /** Ends every session and access token of the user (the revocation list carries it to the services). */
    @Put("/password")
    @NoContent
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @Status(HttpStatus.NO_CONTENT)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void changePassword(@Body @Valid UserCommands.PasswordChangeCommand command, Authentication authentication) {
        if (authentication.getRoles().contains(Roles.SERVICE)) {
            throw Problems.forbidden("A service has no password");
        }
        users.changePassword(authentication.getName(), command.currentPassword(), command.newPassword());
    }
}
