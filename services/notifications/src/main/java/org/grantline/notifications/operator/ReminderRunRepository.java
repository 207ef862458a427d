package org.grantline.notifications.operator;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReminderRunRepository extends CrudRepository<ReminderRun, UUID> {

    @Query("SELECT * FROM reminder_run WHERE status = :status FOR UPDATE")
    List<ReminderRun> lockByStatus(RunStatus status);

    @Query("SELECT * FROM reminder_run WHERE id = :id FOR UPDATE")
    Optional<ReminderRun> lockById(UUID id);

    /** The most recent runs, newest first. */
    @Query("SELECT * FROM reminder_run ORDER BY started_at DESC, id LIMIT :limit")
    List<ReminderRun> recent(int limit);

    /** Runs still {@code running} whose heartbeat is older than {@code silentSince} become {@code failed}, with {@code error}. */
    @Query("UPDATE reminder_run SET status = :failed, finished_at = :now, error = :error WHERE status = :running "
            + "AND heartbeat_at < :silentSince")
    int abandon(RunStatus running, Instant silentSince, RunStatus failed, Instant now, String error);

    @Query("UPDATE reminder_run SET heartbeat_at = :now WHERE owner = :owner AND status = :running")
    int beat(String owner, RunStatus running, Instant now);
}
