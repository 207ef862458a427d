package org.grantline.notifications.plan;

/**
 * A requirement's status as this service stores it ({@code tracked_requirement.status}, by name: grants-api's
 * {@code RequirementStatus}, which the feed answers). Read back from the column as text, so a name this
 * service does not know is not owed and simply stops reminders.
 */
public enum RequirementStatus {
    OPEN, SUBMITTED, ACCEPTED, WAIVED, REJECTED;

    /** Still owed: open, or rejected and to be sent again. */
    public static boolean owed(String status) {
        return OPEN.name().equals(status) || REJECTED.name().equals(status);
    }
}
