package org.grantline.notifications.operator;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs asked for over HTTP ({@code POST /api/reminders/run}): one at a time, in the background
 * (the {@code reminder-run} executor), recorded in {@code reminder_run} so that any replica can say
 * how it went. The replica running one beats its heartbeat every {@code run-heartbeat}, on an
 * executor of its own ({@code reminder-run-heartbeat}) so that a long plan or delivery on the shared
 * scheduler cannot hold it up; a run whose heartbeat is older than {@code run-abandoned-after} (its
 * replica died or was stopped) is marked FAILED, abandoned, by whoever reads or starts runs next.
 * Bookkeeping times are wall-clock ({@link Instant#now()}), not the business clock.
 */
@Singleton
public class ReminderRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderRuns.class);

    private final ReminderRunner runner;
    private final ReminderRunRepository runs;
    private final TransactionOperations<Connection> tx;
    private final AuditTrail audit;
    private final NotificationsConfig config;
    private final String owner;
    private final ExecutorService worker;
    private final ScheduledFuture<?> heartbeat;

    public ReminderRuns(ReminderRunner runner, ReminderRunRepository runs, TransactionOperations<Connection> tx, AuditTrail audit,
                        NotificationsConfig config, @Value("${micronaut.application.instance.id:local}") String instance,
                        @Named("reminder-run") ExecutorService worker,
                        @Named("reminder-run-heartbeat") ExecutorService heartbeatExecutor) {
        this.runner = runner;
        this.runs = runs;
        this.tx = tx;
        this.audit = audit;
        this.config = config;
        this.worker = worker;
        this.owner = Sql.clip(instance + "-" + UUID.randomUUID().toString().substring(0, 8), 64);
        Duration every = config.getRunHeartbeat().toMillis() < 1 ? Duration.ofMillis(1) : config.getRunHeartbeat();
        this.heartbeat = new ScheduledExecutorTaskScheduler(heartbeatExecutor).scheduleWithFixedDelay(every, every, this::beat);
    }

    /** A run as the API shows it; the figures are those of {@link ReminderRunner.Report}, null while it runs. */
    @Serdeable
    public record Run(UUID id, String status, String requestedBy, @Nullable String requestId, Instant startedAt,
                      @Nullable Instant finishedAt, @Nullable String error, @Nullable Boolean planned, @Nullable Integer feedItems,
                      @Nullable Integer remindersPlanned, @Nullable Integer remindersStopped, @Nullable String planningError,
                      @Nullable Integer remindersDue, @Nullable Integer emailsSent, @Nullable Integer emailsFailed,
                      @Nullable Integer emailsDead, @Nullable Integer webhooksSent, @Nullable Integer webhooksFailed,
                      @Nullable Integer messageEmailsSent, @Nullable Long planningMillis, @Nullable Long deliveryMillis,
                      @Nullable Long sendingMillis) {
    }

    /**
     * Records a new run for {@code requestedBy}, audits the request and starts it in the background.
     * A run still going (on any replica) is a 409: runs do not pile up.
     */
    public Run start(String requestedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        abandonStale(now);
        String requestId = ServerRequestContext.currentRequest().map(RequestIds::of).orElse(null);
        Run run;
        try {
            run = tx.executeWrite(status -> {
                runs.lockByStatus(RunStatus.RUNNING).stream().findFirst().ifPresent(running -> {
                    throw Problems.conflict("run-in-progress", "A run is in progress: /api/reminders/runs/" + running.id()
                            + "; ask again when it has finished");
                });
                // Read the clock only now: the lock above may have waited for the run before to finish,
                // and this run begins after it (RemindersEndToEndTest.runsAskedForAtTheSameMomentNeverRunSideBySide).
                Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Run created = runs.save(ReminderRun.started(UUID.randomUUID(), Sql.clip(requestedBy, 200), requestId, owner,
                        startedAt)).view();
                audit.record("reminders.run.requested", "reminder-run", created.id(), null, created);
                return created;
            });
        } catch (RuntimeException e) {
            if (DatabaseConflicts.isUniqueViolation(e, "reminder_run_one_running")) {
                // none was running when this request looked, another began at the same moment (V8)
                throw Problems.conflict("run-in-progress", "A run has just begun; ask again when it has finished");
            }
            throw e;
        }
        worker.execute(() -> execute(run.id()));
        return run;
    }

    private void execute(UUID id) {
        ReminderRunner.Report report = null;
        String error = null;
        try {
            report = runner.runOnce();
            if (report.planned() && report.planningError() != null) {
                error = report.planningError();
            }
        } catch (RuntimeException e) {
            LOG.warn("Reminder run {} failed", id, e);
            error = e.toString();
        }
        try {
            finish(id, report, error);
        } catch (RuntimeException e) {
            LOG.warn("Reminder run {} could not be recorded as finished (it will be marked abandoned): {}", id, e.toString());
        }
    }

    /** Records the outcome, unless the run was marked abandoned meanwhile. */
    private void finish(UUID id, @Nullable ReminderRunner.Report report, @Nullable String error) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RunStatus status = error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        tx.executeWrite(s -> {
            runs.lockById(id).filter(r -> r.status() == RunStatus.RUNNING)
                    .ifPresent(r -> runs.update(r.finished(status, now, error, report)));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", status.name());
            after.put("error", error);
            after.put("report", report);
            audit.recordAs("system", "reminders.run.finished", "reminder-run", id, null, after);
            return null;
        });
    }

    public Optional<Run> find(UUID id) {
        abandonStale(Instant.now());
        return runs.findById(id).map(ReminderRun::view);
    }

    public Run get(UUID id) {
        return find(id).orElseThrow(() -> Problems.notFound("No reminder run " + id));
    }

    /** The most recent runs, newest first. */
    public List<Run> recent(int limit) {
        abandonStale(Instant.now());
        return runs.recent(limit).stream().map(ReminderRun::view).toList();
    }

    /** Runs whose replica stopped beating: FAILED, abandoned. */
    void abandonStale(Instant now) {
        int n = runs.abandon(RunStatus.RUNNING, now.minus(config.getRunAbandonedAfter()), RunStatus.FAILED, now,
                "abandoned: the replica running it stopped answering (no heartbeat since "
                        + config.getRunAbandonedAfter().toSeconds() + " s)");
        if (n > 0) {
            LOG.warn("{} reminder run(s) marked FAILED: abandoned by their replica", n);
        }
    }

    private void beat() {
        try {
            runs.beat(owner, RunStatus.RUNNING, Instant.now());
        } catch (RuntimeException e) {
            LOG.debug("Reminder run heartbeat failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        heartbeat.cancel(true);
    }
}
