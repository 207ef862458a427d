package org.grantline.notifications.plan;

/**
 * A requirement's status as the grants feed names it ({@code tracked_requirement.status}, stored by name). The feed's
 * text is kept as sent, so a status this service does not know yet is stored and simply stops reminders.
 */
public enum RequirementStatus {
    OPEN, SUBMITTED, ACCEPTED, WAIVED, REJECTED;

    /** Still owed: open, or rejected and to be sent again. */
    public static boolean owed(String status) {
        return OPEN.name().equals(status) || REJECTED.name().equals(status);
    }
}
