package org.grantline.grants.report;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A condition whose report recurs: every {@code everyMonths}, due {@code dueDaysAfter} days after each period ends. */
@MappedEntity("report_schedule")
public record ReportSchedule(@Id UUID conditionId, int everyMonths, int dueDaysAfter, int withholdAfterDays, LocalDate startsOn,
                             String updatedBy, Instant updatedAt, @Version Long version) {
}
