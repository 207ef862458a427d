package org.grantline.gateway.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@MappedEntity("app_user")
public record AppUser(@Id UUID id,
                      String username,
                      String displayName,
                      @Nullable String email,
                      String passwordHash,
                      String roles,
                      @Nullable UUID jurisdictionId,
                      boolean enabled,
                      long tokenVersion,
                      @Nullable Instant tokensValidAfter,
                      Instant createdAt,
                      Instant updatedAt,
                      @Version Long version) {

    public List<String> roleList() {
        return roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public static String joinRoles(List<String> roles) {
        return String.join(",", roles);
    }

    /** The same user with their tokens ended: a new token version, so every token issued before is refused. */
    public AppUser withTokensEnded(Instant now) {
        return new AppUser(id, username, displayName, email, passwordHash, roles, jurisdictionId, enabled,
                tokenVersion + 1, now, createdAt, now, version);
    }
}
