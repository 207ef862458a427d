package org.grantline.notifications.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("calendar_feed")
public record CalendarFeed(@Id UUID id, String tokenHash, String username, @Nullable UUID jurisdictionId, Instant createdAt,
                           @Nullable Instant revokedAt) {
}
