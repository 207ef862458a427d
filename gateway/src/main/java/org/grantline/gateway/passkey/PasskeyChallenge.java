package org.grantline.gateway.passkey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A challenge for one WebAuthn ceremony: single use, a few minutes. */
@MappedEntity("passkey_challenge")
public record PasskeyChallenge(@Id UUID id, @Nullable UUID userId, Purpose purpose, String challenge, Instant createdAt,
                               Instant expiresAt, @Nullable Instant usedAt) {
    public enum Purpose { REGISTER, SIGN_IN }
}
