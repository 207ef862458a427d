package org.grantline.grants.certification;

import org.grantline.grants.api.RequirementStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

@MappedEntity("requirement")
public record Requirement(@Id UUID id, UUID awardId, UUID conditionId, UUID jurisdictionId, @Nullable String jurisdictionState,
                          String timeZone,
                          LocalDate deadlineDate, LocalTime deadlineTime, Instant deadlineAt, RequirementStatus status,
                          @Nullable String rejectionReason, @Nullable String waiverReason,
                          @Nullable LocalDate periodStart, Instant createdAt, Instant updatedAt, @Version Long version) {
}
