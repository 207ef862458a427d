package org.grantline.notifications.plan;

import java.time.Instant;
import java.util.UUID;

/** A reminder already planned for a requirement ({@code reminder} row), as planning compares it with what is wanted now. */
public record TrackedReminder(UUID id, UUID requirementId, Instant deadline, int offsetDays, ReminderStatus status) {
}
