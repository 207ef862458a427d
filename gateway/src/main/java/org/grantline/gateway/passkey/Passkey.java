package org.grantline.gateway.passkey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A person's passkey: the credential's id and public key, its counter, a name the person gave it. */
@MappedEntity("passkey")
public record Passkey(@Id UUID id, UUID userId, String credentialId, byte[] credential, long signCount, String name,
                      Instant createdAt, @Nullable Instant lastUsedAt) {
}
