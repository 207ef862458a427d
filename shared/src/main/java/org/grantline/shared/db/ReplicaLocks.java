package org.grantline.shared.db;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One replica at a time, for work that replicas of a service sharing one database must not do
 * twice at once (the embedded default's demo seeding): PostgreSQL advisory locks, keyed by name.
 * Scheduled jobs use ShedLock where they need this; these are for the few places that are not a
 * scheduled job or that span several transactions.
 */
@Singleton
public class ReplicaLocks {
    private final JdbcOperations jdbc;
    private final ConnectionOperations<Connection> connections;

    public ReplicaLocks(JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /**
     * Within the current transaction: waits until no other transaction holds the lock of this
     * name, and holds it until this one ends (so a check that follows sees what the other committed).
     */
    public void lockForTransaction(String name) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))", statement -> {
            statement.setString(1, name);
            statement.execute();
            return null;
        });
    }

    /**
     * Runs {@code work} while holding the lock of this name on a connection of its own (the work
     * may run any number of transactions, on that connection); answers false without running it
     * when another replica holds the lock.
     */
    public boolean runIfFree(String name, Runnable work) {
        return connections.execute(ConnectionDefinition.REQUIRES_NEW, status -> {
            Connection connection = status.getConnection();
            try {
                if (!call(connection, "SELECT pg_try_advisory_lock(hashtext(?))", name)) {
                    return false;
                }
                try {
                    work.run();
                    return true;
                } finally {
                    call(connection, "SELECT pg_advisory_unlock(hashtext(?))", name);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("advisory lock " + name + ": " + e.getMessage(), e);
            }
        });
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
