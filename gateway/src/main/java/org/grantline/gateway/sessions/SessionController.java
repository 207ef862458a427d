package org.grantline.gateway.sessions;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.grantline.gateway.auth.RefreshTokenRepository;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.TokenClaims;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's active sessions (device, address, last use) and ending one; an administrator ends
 * all of a user's sessions. Ending revokes the session's refresh tokens and, through the
 * revocation list, its access tokens within the 5-second bound.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
public class SessionController {
    private final SessionQueries sessions;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevocations revocations;
    private final AppUserRepository users;
    private final AuditTrail audit;

    public SessionController(SessionQueries sessions, RefreshTokenRepository refreshTokens, TokenRevocations revocations,
                             AppUserRepository users, AuditTrail audit) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.users = users;
        this.audit = audit;
    }

    @Get("/api/me/sessions")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @io.swagger.v3.oas.annotations.Operation(summary = "Your active sign-in sessions")
    public List<SessionView> mine(Authentication caller) {
        AppUser user = person(caller);
        Object sid = caller.getAttributes().get(TokenClaims.SESSION);
        return sessions.active(user.id(), Instant.now()).stream()
                .map(s -> s.withCurrent(sid != null && s.sessionId().toString().equals(sid.toString())))
                .sorted(Comparator.comparing(SessionView::lastUsedAt).reversed())
                .toList();
    }

    @Delete("/api/me/sessions/{sessionId}")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @NoContent
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Status(HttpStatus.NO_CONTENT)
    @io.swagger.v3.oas.annotations.Operation(summary = "End one of your sessions")
    public void end(UUID sessionId, Authentication caller) {
        AppUser user = person(caller);
        boolean mine = sessions.active(user.id(), Instant.now()).stream().anyMatch(s -> s.sessionId().equals(sessionId));
        if (!mine) {
            throw Problems.notFound("You have no active session " + sessionId);
        }
        refreshTokens.revokeSession(sessionId, now());
        revocations.revokeSession(user.username(), sessionId);
        audit.record("session.ended", "user", user.id(), null, Map.of("sessionId", sessionId.toString()));
    }

    @Post("/api/users/{id}/sessions/end")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(Roles.ADMIN)
    @io.swagger.v3.oas.annotations.Operation(summary = "End every session of a user (admin)")
    public SessionsEnded endAll(UUID id) {
        AppUser user = users.findById(id).orElseThrow(() -> Problems.notFound("No user " + id));
        Instant now = now();
        long ended = sessions.active(id, Instant.now()).size();
        AppUser changed = users.update(user.withTokensEnded(now));
        refreshTokens.revokeAllOf(id, now);
        revocations.revokeBelow(changed.username(), changed.tokenVersion());
        audit.record("user.sessions-ended", "user", id, Map.of("activeSessions", ended), Map.of("activeSessions", 0));
        return new SessionsEnded(ended);
    }

    /** How many sessions were active and are now ended. */
    @io.micronaut.serde.annotation.Serdeable
    public record SessionsEnded(long sessionsEnded) {
    }

    private AppUser person(Authentication caller) {
        if (caller.getRoles().contains(Roles.SERVICE)) {
            throw Problems.forbidden("A service has no sessions");
        }
        return users.findByUsername(caller.getName()).orElseThrow(() -> Problems.forbidden("Not a person's account"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
