package org.grantline.gateway.revocation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import org.grantline.gateway.auth.LoginService;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.revocation.RevocationFeed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the services ask the gateway on their own behalf (role {@code SERVICE} only): the
 * revocation list they poll, and who a user is now (notifications stops the calendar feeds and
 * webhooks of a disabled user). Both are read from the database on every call, never from a
 * cache, so a service's view is as fresh as its own poll.
 */
@Controller("/api/internal")
@Secured(Roles.SERVICE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class InternalController {

    private final AppUserRepository users;
    private final TokenRevocations revocations;

    public InternalController(AppUserRepository users, TokenRevocations revocations) {
        this.users = users;
        this.revocations = revocations;
    }

    /** A user as the services see them; {@code tokensValidAfter}: tokens issued before it were revoked. */
    @Serdeable
    public record InternalUser(String username, boolean enabled, List<String> roles, @Nullable UUID jurisdictionId,
                               @Nullable Instant tokensValidAfter, @Nullable String email) {
        static InternalUser of(AppUser user) {
            return new InternalUser(user.username(), user.enabled(), user.roleList(), user.jurisdictionId(),
                    user.tokensValidAfter(), user.email());
        }
    }

    @Get("/users/{username}")
    @Operation(summary = "A user as the services see them: roles, jurisdiction, enabled, tokensValidAfter, email")
    @ProblemResponses.NotFound
    public InternalUser user(String username) {
        return users.findByUsername(username).map(InternalUser::of)
                .orElseThrow(() -> Problems.notFound("No user " + LoginService.loggable(username)));
    }

    @Get("/revocations")
    @Operation(summary = "The revocation list: users and sessions whose tokens are no longer accepted")
    public RevocationFeed revocations() {
        return new RevocationFeed(Instant.now(), revocations.fetch());
    }
}
