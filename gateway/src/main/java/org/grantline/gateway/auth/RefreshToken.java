package org.grantline.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A refresh token, stored by its SHA-256 only; every token of one sign-in shares its session id. */
@MappedEntity("refresh_token")
public record RefreshToken(@Id UUID id, UUID userId, UUID sessionId, String tokenHash, Instant issuedAt, Instant expiresAt,
                           @Nullable Instant revokedAt) {
}
