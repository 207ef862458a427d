package org.grantline.jurisdiction.registry;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("jurisdiction")
public record Jurisdiction(@Id UUID id,
                           String name,
                           JurisdictionType type,
                           String state,
                           String fips,
                           String timeZone,
                           Instant createdAt,
                           Instant updatedAt,
                           @Version Long version) {
}
