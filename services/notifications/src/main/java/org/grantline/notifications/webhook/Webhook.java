package org.grantline.notifications.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("webhook")
public record Webhook(@Id UUID id, String url, @Nullable UUID jurisdictionId, String secret, boolean active, String createdBy,
                      Instant createdAt) {
}
