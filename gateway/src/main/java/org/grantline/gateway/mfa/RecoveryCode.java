package org.grantline.gateway.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("recovery_code")
public record RecoveryCode(@Id UUID id, UUID userId, String codeHash, @Nullable Instant usedAt) {
}
