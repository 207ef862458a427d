package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Stored states of a requirement. A rejection makes it REJECTED with DOJ's reason: the jurisdiction
 * sees that and answers with a new submission, while its deadline keeps running as for an open one.
 * "Overdue" is derived from the deadline, "enjoined" from court orders.
 */
@Serdeable
public enum RequirementStatus {
    OPEN, SUBMITTED, ACCEPTED, WAIVED, REJECTED;

    /** Waiting for the jurisdiction: its deadline runs, it is reminded, it takes a submission. */
    public boolean awaitsJurisdiction() {
        return this == OPEN || this == REJECTED;
    }
}
