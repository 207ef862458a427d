package org.grantline.jurisdiction.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A jurisdiction of the registry, as the jurisdiction service answers it. */
@Serdeable
public record JurisdictionView(UUID id, String name, JurisdictionType type, String state, String fips,
                               String timeZone, @Nullable UUID parentId, @Nullable Long population,
                               Instant createdAt, Instant updatedAt, long version) {
}
