package org.grantline.notifications.operator;

/** Where a reminder run stands ({@code reminder_run.status}, stored by name): RUNNING, then SUCCEEDED or FAILED (also when abandoned). */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED
}
