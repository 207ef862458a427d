package org.grantline.notifications.operator;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs asked for over HTTP ({@code POST /api/reminders/run}): one at a time, in the background,
 * recorded in {@code reminder_run} so that any replica can say how it went. The replica running
 * one beats its heartbeat; a run whose heartbeat is older than {@code run-abandoned-after} (its
 * replica died or was stopped) is marked FAILED, abandoned, by whoever reads or starts runs next.
 * Bookkeeping times are wall-clock ({@link Instant#now()}), not the business clock.
 */
@Singleton
public class ReminderRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderRuns.class);
    private static final String COLUMNS = "id, status, requested_by, request_id, owner, heartbeat_at, started_at, finished_at, error, "
            + "planned, feed_items, reminders_planned, reminders_stopped, planning_error, reminders_due, emails_sent, emails_failed, "
            + "emails_dead, webhooks_sent, webhooks_failed, message_emails_sent, planning_millis, delivery_millis, sending_millis";

    private final ReminderRunner runner;
    private final TransactionOperations<Connection> tx;
    private final AuditTrail audit;
    private final NotificationsConfig config;
    private final String owner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("reminder-run"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("reminder-run-heartbeat"));

    public ReminderRuns(ReminderRunner runner, TransactionOperations<Connection> tx, AuditTrail audit, NotificationsConfig config,
                        @Value("${micronaut.application.instance.id:local}") String instance) {
        this.runner = runner;
        this.tx = tx;
        this.audit = audit;
        this.config = config;
        this.owner = Sql.clip(instance + "-" + UUID.randomUUID().toString().substring(0, 8), 64);
        long every = Math.max(1, config.getRunHeartbeat().toMillis());
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
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
        UUID id = UUID.randomUUID();
        Run run = tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM reminder_run WHERE status = ? FOR UPDATE")) {
                Sql.set(ps, 1, RunStatus.RUNNING);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        UUID running = Sql.uuid(rs, "id");
                        throw Problems.conflict("run-in-progress", "A run is in progress: /api/reminders/runs/" + running
                                + "; ask again when it has finished");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reminder_run (id, status, requested_by, request_id, owner, "
                    + "heartbeat_at, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                Sql.set(ps, 2, RunStatus.RUNNING);
                ps.setString(3, Sql.clip(requestedBy, 200));
                ps.setString(4, requestId);
                ps.setString(5, owner);
                ps.setObject(6, Sql.ts(now));
                ps.setObject(7, Sql.ts(now));
                ps.executeUpdate();
            }
            Run created = new Run(id, RunStatus.RUNNING.name(), requestedBy, requestId, now, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            audit.record("reminders.run.requested", "reminder-run", id, null, created);
            return created;
        });
        worker.execute(() -> execute(id));
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

    private void finish(UUID id, @Nullable ReminderRunner.Report r, @Nullable String error) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RunStatus status = error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        tx.executeWrite(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("UPDATE reminder_run SET status = ?, finished_at = ?, "
                    + "heartbeat_at = ?, error = ?, planned = ?, feed_items = ?, reminders_planned = ?, reminders_stopped = ?, "
                    + "planning_error = ?, reminders_due = ?, emails_sent = ?, emails_failed = ?, emails_dead = ?, webhooks_sent = ?, "
                    + "webhooks_failed = ?, planning_millis = ?, delivery_millis = ?, sending_millis = ?, message_emails_sent = ? "
                    + "WHERE id = ? AND status = ?")) {
                Sql.set(ps, 1, status);
                ps.setObject(2, Sql.ts(now));
                ps.setObject(3, Sql.ts(now));
                ps.setString(4, Sql.clip(error, 1000));
                if (r == null) {
                    for (int i = 5; i <= 18; i++) {
                        ps.setNull(i, i == 5 ? Types.BOOLEAN : i == 9 ? Types.VARCHAR : i >= 16 ? Types.BIGINT : Types.INTEGER);
                    }
                    ps.setNull(19, Types.INTEGER);
                } else {
                    ps.setBoolean(5, r.planned());
                    ps.setInt(6, r.feedItems());
                    ps.setInt(7, r.remindersPlanned());
                    ps.setInt(8, r.remindersStopped());
                    ps.setString(9, Sql.clip(r.planningError(), 1000));
                    ps.setInt(10, r.remindersDue());
                    ps.setInt(11, r.emailsSent());
                    ps.setInt(12, r.emailsFailed());
                    ps.setInt(13, r.emailsDead());
                    ps.setInt(14, r.webhooksSent());
                    ps.setInt(15, r.webhooksFailed());
                    ps.setLong(16, r.planningMillis());
                    ps.setLong(17, r.deliveryMillis());
                    ps.setLong(18, r.sendingMillis());
                    ps.setInt(19, r.messageEmailsSent());
                }
                ps.setObject(20, id);
                Sql.set(ps, 21, RunStatus.RUNNING);
                ps.executeUpdate();
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", status.name());
            after.put("error", error);
            after.put("report", r);
            audit.recordAs("system", "reminders.run.finished", "reminder-run", id, null, after);
            return null;
        });
    }

    public Optional<Run> find(UUID id) {
        abandonStale(Instant.now());
        return tx.executeRead(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("SELECT " + COLUMNS + " FROM reminder_run WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<Run>empty();
                }
            }
        });
    }

    public Run get(UUID id) {
        return find(id).orElseThrow(() -> Problems.notFound("No reminder run " + id));
    }

    /** The most recent runs, newest first. */
    public List<Run> recent(int limit) {
        abandonStale(Instant.now());
        return tx.executeRead(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("SELECT " + COLUMNS
                    + " FROM reminder_run ORDER BY started_at DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                List<Run> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(row(rs));
                    }
                }
                return runs;
            }
        });
    }

    /** Runs whose replica stopped beating: FAILED, abandoned. */
    void abandonStale(Instant now) {
        Instant limit = now.minus(config.getRunAbandonedAfter());
        tx.executeWrite(s -> {
            try (PreparedStatement ps = s.getConnection().prepareStatement("UPDATE reminder_run SET status = ?, finished_at = ?, "
                    + "error = ? WHERE status = ? AND heartbeat_at < ?")) {
                Sql.set(ps, 1, RunStatus.FAILED);
                ps.setObject(2, Sql.ts(now));
                ps.setString(3, "abandoned: the replica running it stopped answering (no heartbeat since "
                        + config.getRunAbandonedAfter().toSeconds() + " s)");
                Sql.set(ps, 4, RunStatus.RUNNING);
                ps.setObject(5, Sql.ts(limit));
                int n = ps.executeUpdate();
                if (n > 0) {
                    LOG.warn("{} reminder run(s) marked FAILED: abandoned by their replica", n);
                }
            }
            return null;
        });
    }

    private void beat() {
        try {
            tx.executeWrite(s -> {
                try (PreparedStatement ps = s.getConnection().prepareStatement(
                        "UPDATE reminder_run SET heartbeat_at = ? WHERE owner = ? AND status = ?")) {
                    ps.setObject(1, Sql.ts(Instant.now()));
                    ps.setString(2, owner);
                    Sql.set(ps, 3, RunStatus.RUNNING);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("Reminder run heartbeat failed: {}", e.toString());
        }
    }

    private static Run row(ResultSet rs) throws SQLException {
        return new Run(Sql.uuid(rs, "id"), rs.getString("status"), rs.getString("requested_by"), rs.getString("request_id"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"), rs.getString("error"),
                rs.getObject("planned", Boolean.class), integer(rs, "feed_items"), integer(rs, "reminders_planned"),
                integer(rs, "reminders_stopped"), rs.getString("planning_error"), integer(rs, "reminders_due"),
                integer(rs, "emails_sent"), integer(rs, "emails_failed"), integer(rs, "emails_dead"), integer(rs, "webhooks_sent"),
                integer(rs, "webhooks_failed"), integer(rs, "message_emails_sent"), longValue(rs, "planning_millis"),
                longValue(rs, "delivery_millis"),
                longValue(rs, "sending_millis"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        worker.shutdownNow();
    }
}
