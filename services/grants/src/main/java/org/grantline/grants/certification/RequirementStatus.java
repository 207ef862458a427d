package org.grantline.grants.certification;

/**
 * Stored states of a requirement. A rejection sends it back to OPEN with DOJ's reason; "overdue"
 * is derived from the deadline, and "enjoined" will be computed from court orders.
 */
public enum RequirementStatus {
    OPEN, SUBMITTED, ACCEPTED, WAIVED
}
