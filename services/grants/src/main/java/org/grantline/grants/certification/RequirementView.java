package org.grantline.grants.certification;

import org.grantline.grants.api.RequirementStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A requirement as the API shows it: the deadline as the exact instant (UTC) and as the local
 * date and time in the jurisdiction's zone, whether a court order enjoins it today, and whether it
 * is overdue now.
 */
@Serdeable
public record RequirementView(UUID id, UUID awardId, UUID conditionId, UUID jurisdictionId, Instant deadline,
                              LocalDate deadlineLocalDate, LocalTime deadlineLocalTime, String timeZone,
                              RequirementStatus status, boolean enjoined, List<UUID> enjoinedBy, boolean overdue,
                              @Nullable String rejectionReason, @Nullable String waiverReason, long version) {

    /** Enjoined (by the listed court orders) means: no reminders, not overdue, not a reason to withhold. */
    static RequirementView of(Requirement r, Instant now, List<UUID> enjoinedBy) {
        boolean enjoined = !enjoinedBy.isEmpty() && r.status() != RequirementStatus.ACCEPTED && r.status() != RequirementStatus.WAIVED;
        boolean overdue = !enjoined && r.status().awaitsJurisdiction() && now.isAfter(r.deadlineAt());
        return new RequirementView(r.id(), r.awardId(), r.conditionId(), r.jurisdictionId(), r.deadlineAt(),
                r.deadlineDate(), r.deadlineTime(), r.timeZone(), r.status(), enjoined, enjoined ? enjoinedBy : List.of(),
                overdue, r.rejectionReason(), r.waiverReason(), r.version());
    }
}
