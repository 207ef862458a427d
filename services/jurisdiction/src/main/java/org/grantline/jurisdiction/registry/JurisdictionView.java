package org.grantline.jurisdiction.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

@Serdeable
public record JurisdictionView(UUID id, String name, JurisdictionType type, String state, String fips,
                               String timeZone, @Nullable UUID parentId, @Nullable Long population,
                               Instant createdAt, Instant updatedAt, long version) {

    public static JurisdictionView of(Jurisdiction j) {
        return new JurisdictionView(j.id(), j.name(), j.type(), j.state(), j.fips(), j.timeZone(), j.parentId(),
                j.population(), j.createdAt(), j.updatedAt(), j.version());
    }
}
