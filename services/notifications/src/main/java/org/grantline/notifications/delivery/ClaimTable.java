package org.grantline.notifications.delivery;

import io.micronaut.core.annotation.Nullable;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every sender does to the rows of its table ({@code email_digest}, {@code message_email},
 * webhook deliveries; each has {@code id}, {@code status}, {@code attempts}, {@code next_attempt_at},
 * {@code claimed_by}, {@code claimed_until}, {@code sent_at}, {@code last_error}, {@code updated_at}).
 * A claim takes due rows with {@code FOR UPDATE SKIP LOCKED} (replicas take disjoint rows) and gives
 * them a lease for this replica; {@link #beat} extends the leases this replica holds; a row whose lease
 * ran out is claimed again by anyone. An outcome is written only while this replica still holds the
 * claim, so a replica that lost it (its lease ran out and another took over) changes nothing.
 * The methods run in the caller's transaction.
 *
 * @param <S> the table's status enum, stored by name
 */
public final class ClaimTable<S extends Enum<S>> {
    /**
     * How a table names where its rows stand: {@code waiting} to be sent when due, {@code claimed}
     * while a replica holds it (one of the waiting states in a table that keeps claimed rows as they
     * were), then {@code sent}, {@code retry} after a backoff, or {@code gaveUp}.
     */
    public record States<S extends Enum<S>>(Set<S> waiting, S claimed, S sent, S retry, S gaveUp) {
        public States {
            waiting = Set.copyOf(waiting);
        }
    }

    /** A condition on one column; the column is a constant of the caller, never input. */
    public record Where(String column, Object value) {
        String sql() {
            return " AND " + column + " = ?";
        }
    }

    /** What an attempt leaves on its row. */
    public record Outcome<S extends Enum<S>>(S status, int attempts, Instant nextAttemptAt, @Nullable String error,
                                             @Nullable Instant sentAt) {
    }

    private final String table;
    private final @Nullable Where scope;
    private final States<S> states;
    private final String owner;
    private final java.time.Duration lease;
    private final int maxAttempts;
    private final Backoff backoff;

    /** {@code table} and the scope's column: constants of the caller, never input. */
    public ClaimTable(String table, @Nullable Where scope, States<S> states, String owner, NotificationsConfig config) {
        this.table = table;
        this.scope = scope;
        this.states = states;
        this.owner = owner;
        this.lease = config.getLease();
        this.maxAttempts = config.getMaxAttempts();
        this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffCap(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Who holds this replica's claims on this table. */
    public String owner() {
        return owner;
    }

    private String scoped(@Nullable Where also) {
        return (scope == null ? "" : scope.sql()) + (also == null ? "" : also.sql());
    }

    private void bindScope(Jdbc.Params p, @Nullable Where also) throws SQLException {
        if (scope != null) {
            p.add(scope.value());
        }
        if (also != null) {
            p.add(also.value());
        }
    }

    /**
     * Claims up to {@code limit} due rows, oldest due first (and those whose claim ran out), for this
     * replica until now + lease; {@code also} narrows the claim (one message's emails).
     */
    public List<UUID> claim(Connection c, Instant now, int limit, @Nullable Where also) throws SQLException {
        boolean keepsStatus = states.waiting().contains(states.claimed());
        // A table that keeps claimed rows in a waiting state tells them by their lease; others by the claimed state.
        String due = keepsStatus
                ? "status IN (" + Sql.marks(states.waiting().size()) + ") AND next_attempt_at <= ? "
                  + "AND (claimed_until IS NULL OR claimed_until < ?)"
                : "((status IN (" + Sql.marks(states.waiting().size()) + ") AND next_attempt_at <= ?) OR (status = ? AND claimed_until < ?))";
        List<UUID> ids = Jdbc.list(c, "SELECT id FROM " + table + " WHERE " + due + scoped(also)
                + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED", p -> {
            p.addAll(states.waiting().stream().sorted().toList()).add(now);
            if (!keepsStatus) {
                p.add(states.claimed());
            }
            p.add(now);
            bindScope(p, also);
            p.add(limit);
        }, rs -> Sql.uuid(rs, "id"));
        if (!ids.isEmpty()) {
            Jdbc.update(c, "UPDATE " + table + " SET status = ?, claimed_by = ?, claimed_until = ?, updated_at = ? WHERE id IN ("
                    + Sql.marks(ids.size()) + ")", p -> p.add(states.claimed()).add(owner).add(now.plus(lease)).add(now).addAll(ids));
        }
        return ids;
    }

    /** Extends this replica's claims by one lease from now; answers how many it holds. */
    public int beat(Connection c, Instant now) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET claimed_until = ? WHERE status = ? AND claimed_by = ? AND claimed_until IS NOT NULL"
                + scoped(null), p -> {
            p.add(now.plus(lease)).add(states.claimed()).add(owner);
            bindScope(p, null);
        });
    }

    /** Writes the outcome if this replica still holds the claim; false when another replica took it over. */
    public boolean settle(Connection c, UUID id, Outcome<S> outcome, Instant now) throws SQLException {
        return Jdbc.update(c, "UPDATE " + table + " SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ?, "
                + "claimed_by = NULL, claimed_until = NULL, updated_at = ? WHERE id = ? AND status = ? AND claimed_by = ?", p -> p
                .add(outcome.status()).add(outcome.attempts()).add(outcome.nextAttemptAt()).add(Sql.clip(outcome.error(), 1000))
                .add(outcome.sentAt()).add(now).add(id).add(states.claimed()).add(owner)) == 1;
    }

    /** Sent now, after {@code attempts} attempts. */
    public Outcome<S> sent(int attempts, Instant now) {
        return new Outcome<>(states.sent(), attempts, now, null, now);
    }

    /**
     * Failed, {@code attempts} counting this one: retried after a capped exponential backoff with
     * jitter, or given up after {@code max-attempts} or at once when retrying cannot help ({@code permanent}).
     */
    public Outcome<S> failed(int attempts, String error, boolean permanent, Instant now) {
        if (permanent || attempts >= maxAttempts) {
            return new Outcome<>(states.gaveUp(), attempts, now, error, null);
        }
        return new Outcome<>(states.retry(), attempts, now.plus(backoff.after(attempts)), error, null);
    }
}
