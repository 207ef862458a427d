package org.grantline.notifications.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.notifications.support.Sql;

import java.time.Instant;
import java.util.UUID;

/** A run asked for over HTTP ({@code reminder_run}): who asked, which replica runs it, and what it did (null while it runs). */
@MappedEntity("reminder_run")
public record ReminderRun(@Id UUID id, RunStatus status, String requestedBy, @Nullable String requestId, String owner,
                          Instant heartbeatAt, Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
                          @Nullable Boolean planned, @Nullable Integer feedItems, @Nullable Integer remindersPlanned,
                          @Nullable Integer remindersStopped, @Nullable String planningError, @Nullable Integer remindersDue,
                          @Nullable Integer emailsSent, @Nullable Integer emailsFailed, @Nullable Integer emailsDead,
                          @Nullable Integer webhooksSent, @Nullable Integer webhooksFailed, @Nullable Integer messageEmailsSent,
                          @Nullable Long planningMillis, @Nullable Long deliveryMillis, @Nullable Long sendingMillis) {

    static ReminderRun started(UUID id, String requestedBy, @Nullable String requestId, String owner, Instant now) {
        return new ReminderRun(id, RunStatus.RUNNING, requestedBy, requestId, owner, now, now, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Finished at {@code now} as {@code status}, with the report's figures (none when the run failed before it had one). */
    ReminderRun finished(RunStatus status, Instant now, @Nullable String failure, @Nullable ReminderRunner.Report r) {
        String error = Sql.clip(failure, 1000);
        if (r == null) {
            return new ReminderRun(id, status, requestedBy, requestId, owner, now, startedAt, now, error, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null);
        }
        return new ReminderRun(id, status, requestedBy, requestId, owner, now, startedAt, now, error, r.planned(), r.feedItems(),
                r.remindersPlanned(), r.remindersStopped(), Sql.clip(r.planningError(), 1000), r.remindersDue(), r.emailsSent(), r.emailsFailed(),
                r.emailsDead(), r.webhooksSent(), r.webhooksFailed(), r.messageEmailsSent(), r.planningMillis(), r.deliveryMillis(),
                r.sendingMillis());
    }

    ReminderRuns.Run view() {
        return new ReminderRuns.Run(id, status.name(), requestedBy, requestId, startedAt, finishedAt, error, planned, feedItems,
                remindersPlanned, remindersStopped, planningError, remindersDue, emailsSent, emailsFailed, emailsDead, webhooksSent,
                webhooksFailed, messageEmailsSent, planningMillis, deliveryMillis, sendingMillis);
    }
}
