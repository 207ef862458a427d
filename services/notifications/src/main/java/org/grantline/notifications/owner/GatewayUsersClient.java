package org.grantline.notifications.owner;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The gateway's {@code GET /api/internal/users/{username}} (role SERVICE): who a user is now. Unknown:
 * empty. Every gateway of {@code grantline.gateway-url} ({@code micronaut.http.services.gateway}); the
 * service's own token comes from the client-credentials filter (shared ServiceTokenClientFilter).
 */
@Client(id = "gateway")
public interface GatewayUsersClient {

    @Serdeable
    record InternalUser(String username, boolean enabled, List<String> roles, @Nullable UUID jurisdictionId,
                        @Nullable Instant tokensValidAfter, @Nullable String email) {
    }

    @Get("/api/internal/users/{username}")
    Optional<InternalUser> user(String username);
}
