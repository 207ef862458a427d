package org.grantline.jurisdiction.facility;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

/** A jail, prison or holding facility and the jurisdiction that operates it. */
@MappedEntity("detention_facility")
public record DetentionFacility(@Id UUID id, String name, UUID operatorId, FacilityKind kind,
                                @Nullable Integer capacity, Instant createdAt, Instant updatedAt,
                                @Version Long version) {
}
