package org.grantline.notifications.delivery;

import org.grantline.notifications.plan.RequirementStatus;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.plan.ReminderStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** A reminder that has come due, with what its requirement is now (a claimed {@code reminder} row joined with {@code tracked_requirement}). */
record DueReminder(UUID id, UUID requirementId, UUID jurisdictionId, Instant deadline, int offset, ReminderSchedule.Kind kind,
                   boolean escalate, Instant dueAt, LocalDate localDate, String requirementStatus, boolean enjoined, UUID programId,
                   String conditionTitle, String awardNumber, String timeZone) {

    /** A reminder that does not go out, and why. */
    record Stop(UUID reminderId, ReminderStatus status, String reason) {
    }

    /** The day its email goes out on: its own day, or today in the jurisdiction's zone when it is sent late. */
    LocalDate sendingDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone());
        return localDate.isBefore(today) ? today : localDate;
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /**
     * Empty when it goes out; otherwise cancelled (the requirement no longer awaits the jurisdiction,
     * or a court order stops it) or skipped (a reminder before the deadline that comes too late).
     */
    Optional<Stop> stop(Instant now) {
        if (!awaitsJurisdiction() || enjoined) {
            return Optional.of(new Stop(id, ReminderStatus.CANCELLED, enjoined ? "court order" : requirementStatus.toLowerCase()));
        }
        if (kind != ReminderSchedule.Kind.OVERDUE && now.isAfter(deadline)) {
            return Optional.of(new Stop(id, ReminderStatus.SKIPPED, "the deadline passed before it could go out"));
        }
        return Optional.empty();
    }

    /** Open, or rejected by DOJ and waiting for a new submission (the grants feed's names): both are still reminded. */
    private boolean awaitsJurisdiction() {
        return RequirementStatus.owed(requirementStatus);
    }
}
