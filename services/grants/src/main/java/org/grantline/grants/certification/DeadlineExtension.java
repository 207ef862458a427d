package org.grantline.grants.certification;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("deadline_extension")
public record DeadlineExtension(@Id UUID id, UUID requirementId, Instant previousDeadline, Instant newDeadline,
                                String reason, String extendedBy, Instant extendedAt) {
}
