package org.grantline.notifications.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("notification")
public record Notification(@Id UUID id, @Nullable String recipient, String subject, String body, Instant createdAt,
                           @Nullable Instant readAt) {
}
