package org.grantline.notifications.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A requirement as a calendar shows it: the columns of {@code tracked_requirement} an event needs (read only). */
@MappedEntity("tracked_requirement")
public record CalendarEntry(@Id UUID id, @Nullable String conditionTitle, @Nullable String programName, @Nullable String awardNumber,
                            @Nullable String jurisdictionName, Instant deadlineAt, String timeZone, String status, boolean enjoined) {
}
