package org.grantline.gateway.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A user's authenticator: confirmed once a code made from it was entered. */
@MappedEntity("totp_factor")
public record TotpFactor(@Id UUID userId, String secret, @Nullable Instant confirmedAt, long lastUsedStep,
                         int failedAttempts, @Nullable Instant lockedUntil, Instant createdAt) {
    public boolean confirmed() {
        return confirmedAt != null;
    }
}
