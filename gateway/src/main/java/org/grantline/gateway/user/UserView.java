package org.grantline.gateway.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the admin API shows it: never the password hash; {@code lockedUntil}: the latest sign-in lock in force (from any address). */
@Serdeable
public record UserView(UUID id, String username, String displayName, @Nullable String email, List<String> roles,
                       @Nullable UUID jurisdictionId, boolean enabled, @Nullable Instant lockedUntil,
                       Instant createdAt, Instant updatedAt, long version) {

    public static UserView of(AppUser u, Instant lockedUntil) {
        return new UserView(u.id(), u.username(), u.displayName(), u.email(), u.roleList(), u.jurisdictionId(),
                u.enabled(), lockedUntil, u.createdAt(), u.updatedAt(), u.version() == null ? 0 : u.version());
    }
}
