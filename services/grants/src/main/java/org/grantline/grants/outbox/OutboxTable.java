package org.grantline.grants.outbox;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What both relays do to the rows of their outbox table ({@code requirement_change},
 * {@code message_notice}: both have {@code id}, {@code attempts}, {@code next_attempt_at},
 * {@code claimed_until}, {@code last_error}). A claim marks due rows with a lease
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas take disjoint rows) and commits before any call;
 * delivered rows are deleted; a failed row is released with exponential backoff (base × 2^(attempts−1),
 * at most the cap); rows claimed but not tried are given back without counting an attempt.
 */
final class OutboxTable {
    /** Reads one claimed row. */
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final TransactionOperations<Connection> tx;
    private final String table;
    private final Duration lease;
    private final Duration backoffBase;
    private final Duration backoffCap;

    /** {@code table}: a constant of this package, never input. */
    OutboxTable(TransactionOperations<Connection> tx, String table, Duration lease, Duration backoffBase, Duration backoffCap) {
        this.tx = tx;
        this.table = table;
        this.lease = lease;
        this.backoffBase = backoffBase;
        this.backoffCap = backoffCap;
    }

    Duration backoffCap() {
        return backoffCap;
    }

    /** base × 2^(attempts−1), at most the cap. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffCap) > 0 ? backoffCap : d;
    }

    /** Claims at most {@code limit} due rows (one attempt each), oldest first; {@code returning} names the columns read. */
    <T> List<T> claim(int limit, String returning, Row<T> row, ToLongFunction<T> id) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE " + table + " SET claimed_until = clock_timestamp() + make_interval(secs => ?), attempts = attempts + 1 "
                            + "WHERE id IN (SELECT id FROM " + table + " WHERE next_attempt_at <= clock_timestamp() "
                            + "AND (claimed_until IS NULL OR claimed_until < clock_timestamp()) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                            + "RETURNING " + returning)) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setInt(2, limit);
                List<T> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(row.read(rs));
                    }
                }
                claimed.sort(Comparator.comparingLong(id));
                return claimed;
            }
        });
    }

    void delete(List<Long> ids) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
                ps.setArray(1, array(status.getConnection(), ids));
                return ps.executeUpdate();
            }
        });
    }

    /** Due again after {@code delay}, with the error kept. */
    void release(List<Long> ids, Duration delay, String error) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE " + table + " SET claimed_until = NULL, next_attempt_at = clock_timestamp() + make_interval(secs => ?), "
                            + "last_error = ? WHERE id = ANY (?)")) {
                ps.setDouble(1, delay.toMillis() / 1000.0);
                ps.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
                ps.setArray(3, array(status.getConnection(), ids));
                return ps.executeUpdate();
            }
        });
    }

    /** Gives back rows claimed but not tried (their attempt not counted), due again after {@code delay}. */
    void unclaim(List<Long> ids, Duration delay) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE " + table + " SET claimed_until = NULL, attempts = attempts - 1, "
                            + "next_attempt_at = clock_timestamp() + make_interval(secs => ?) WHERE id = ANY (?)")) {
                ps.setDouble(1, delay.toMillis() / 1000.0);
                ps.setArray(2, array(status.getConnection(), ids));
                return ps.executeUpdate();
            }
        });
    }

    private static Array array(Connection c, List<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }
}
