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
                      int failedAttempts,
                      @Nullable Instant lockedUntil,
                      Instant createdAt,
                      Instant updatedAt,
                      @Version Long version) {

    public List<String> roleList() {
        return roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public static String joinRoles(List<String> roles) {
        return String.join(",", roles);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
