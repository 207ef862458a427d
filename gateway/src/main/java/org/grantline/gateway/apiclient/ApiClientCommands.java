package org.grantline.gateway.apiclient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Commands and answers of the API-client endpoints. */
public final class ApiClientCommands {
    private ApiClientCommands() {
    }

    /**
     * A new client: its name (the token subject is {@code client:<name>}), its roles and, for
     * officials and legal officers, its jurisdiction (an agency administrator's own when left out);
     * {@code expiresAt} in the future, or none (until revoked).
     */
    @Serdeable
    public record ApiClientCreateCommand(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,49}",
                    message = "3 to 50 lower-case letters, digits, dots, dashes or underscores") String name,
            @NotEmpty List<@NotBlank String> roles,
            @Nullable UUID jurisdictionId,
            @Nullable Instant expiresAt) {
    }

    /**
     * The client's credentials, answered once (on creation and on each rotation): use
     * {@code clientId} and {@code clientSecret} with {@code grant_type=client_credentials} at
     * {@code /oauth/access_token}. The secret is not stored and cannot be shown again.
     */
    @Serdeable
    public record ApiClientSecret(UUID clientId, String clientSecret, ApiClientView client) {
        @Override
        public String toString() {
            return "ApiClientSecret[clientId=" + clientId + "]";
        }
    }
}
