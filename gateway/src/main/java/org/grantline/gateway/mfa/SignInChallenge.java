package org.grantline.gateway.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** The step between a right password and the second factor: single use, a few minutes, a few wrong codes. */
@MappedEntity("sign_in_challenge")
public record SignInChallenge(@Id UUID id, String tokenHash, UUID userId, Purpose purpose, String source, int failures,
                              Instant createdAt, Instant expiresAt, @Nullable Instant usedAt) {
    public enum Purpose { VERIFY, ENROL }
}
