package org.grantline.grants.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The requirement made for one award's report of one period; {@code withheldAt} once missing it withheld the funds. */
@MappedEntity("report_period")
public record ReportPeriod(@Id UUID requirementId, UUID awardId, UUID conditionId, LocalDate periodStart, LocalDate periodEnd,
                           @Nullable Instant withheldAt) {
}
