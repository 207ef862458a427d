package org.grantline.notifications.plan;

/**
 * Where a planned reminder stands ({@code reminder.status}, stored by name): PLANNED until it is due, then FANNED_OUT into
 * deliveries; CANCELLED when its requirement stops or its deadline moves (PLANNED again if it is wanted back), SKIPPED
 * when its deadline passed before it could go out.
 */
public enum ReminderStatus {
    PLANNED, FANNED_OUT, CANCELLED, SKIPPED
}
