package org.grantline.gateway.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the admin API shows it: never the password hash. */
@Serdeable
public record UserView(UUID id, String username, String displayName, @Nullable String email, List<String> roles,
                       @Nullable UUID jurisdictionId, boolean enabled, @Nullable Instant lockedUntil,
                       Instant createdAt, Instant updatedAt) {

    static UserView of(AppUser u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.email(), u.roleList(), u.jurisdictionId(),
                u.enabled(), u.lockedUntil(), u.createdAt(), u.updatedAt());
    }
}
