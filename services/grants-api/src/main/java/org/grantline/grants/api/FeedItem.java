package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A requirement as the deadline feed shows it, with what a reminder names of its award (program,
 * fiscal year, award number), so the reader need not look up each award; {@code awardEnded}: the
 * award runs no more (declined, expired, clawed back, closed), so no reminder is due. {@code updatedAt}:
 * when the requirement last changed, so a reader can tell a newer reading from an older one.
 * {@code programId}, {@code fiscalYear} and {@code awardNumber} are null only when the award is unknown.
 */
@Serdeable
public record FeedItem(UUID id, UUID awardId, UUID conditionId, UUID jurisdictionId, Instant deadline,
                       LocalDate deadlineLocalDate, LocalTime deadlineLocalTime, String timeZone,
                       RequirementStatus status, boolean enjoined, List<UUID> enjoinedBy, boolean overdue,
                       @Nullable String rejectionReason, @Nullable String waiverReason, long version,
                       @Nullable UUID programId, @Nullable Integer fiscalYear, @Nullable String awardNumber,
                       Instant updatedAt, boolean awardEnded) {
}
