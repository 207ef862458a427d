package org.grantline.gateway.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The lock on guessing passwords, per account and client address, decided in the database so that
 * concurrent attempts on any number of gateway replicas cannot race it:
 * <ul>
 * <li>{@link #begin} runs <em>before</em> the password is hashed: one conditional UPDATE that
 *     refuses a locked pair and otherwise records the attempt as in flight;</li>
 * <li>{@link #fail}: one UPDATE counts the failure and, at {@code max-failed-attempts}, sets the lock;</li>
 * <li>{@link #succeed}: one conditional UPDATE that wins only if the pair is not locked, no failure
 *     was counted since this attempt began and no other attempt is in flight. A right password sent
 *     among a burst of wrong ones is therefore refused (not counted: the user just tries again), and
 *     a request that began before the lock can never succeed after it.</li>
 * </ul>
 * A lock holds for {@code lockout}; the first attempt after it starts the count afresh. An attacker
 * thus locks out only their own address: the user still signs in from theirs, and an admin can lift
 * every lock of a user ({@link #unlock}). In-flight marks older than a minute (a replica that died
 * mid-attempt) are forgotten.
 */
@Singleton
public class SignInGuard {
    private static final Duration STALE_IN_FLIGHT = Duration.ofMinutes(1);

    private final TransactionOperations<Connection> transactions;
    private final int maxFailedAttempts;
    private final Duration lockout;

    public SignInGuard(TransactionOperations<Connection> transactions,
                       @Value("${grantline.auth.max-failed-attempts:5}") int maxFailedAttempts,
                       @Value("${grantline.auth.lockout:15m}") Duration lockout) {
        this.transactions = transactions;
        this.maxFailedAttempts = maxFailedAttempts;
        this.lockout = lockout;
    }

    /** One attempt under way: who, from where, and the failures counted when it began. */
    public record Attempt(UUID userId, String source, int failuresBefore) {
    }

    /** What a failure did: the failures now counted, and the lock if this failure set it. */
    public record Failure(int failures, Optional<Instant> lockedUntil) {
    }

    /** Starts an attempt, or empty when the account is locked for this source (then nothing is hashed). */
    public Optional<Attempt> begin(UUID userId, String source) {
        Instant now = now();
        Optional<Attempt> attempt = tryBegin(userId, source, now);
        if (attempt.isEmpty() && !exists(userId, source)) {
            create(userId, source, now);
            attempt = tryBegin(userId, source, now);
        }
        return attempt;
    }

    private Optional<Attempt> tryBegin(UUID userId, String source, Instant now) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            int updated;
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE login_guard SET
                      failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN 0 ELSE failed_attempts END,
                      locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END,
                      in_flight = CASE WHEN last_attempt_at < ? THEN 1 ELSE in_flight + 1 END,
                      last_attempt_at = ?
                    WHERE user_id = ? AND source = ? AND (locked_until IS NULL OR locked_until <= ?)""")) {
                Timestamp at = Timestamp.from(now);
                update.setTimestamp(1, at);
                update.setTimestamp(2, at);
                update.setTimestamp(3, Timestamp.from(now.minus(STALE_IN_FLIGHT)));
                update.setTimestamp(4, at);
                update.setObject(5, userId);
                update.setString(6, source);
                update.setTimestamp(7, at);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                return Optional.empty();
            }
            return Optional.of(new Attempt(userId, source, failures(c, userId, source)));
        });
    }

    /** Counts a wrong password and decides the lock, in one statement. */
    public Failure fail(Attempt attempt) {
        Instant now = now();
        Instant until = now.plus(lockout);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE login_guard SET
                      failed_attempts = failed_attempts + 1,
                      in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END,
                      locked_until = CASE WHEN failed_attempts + 1 >= ? AND locked_until IS NULL THEN ? ELSE locked_until END
                    WHERE user_id = ? AND source = ?""")) {
                update.setInt(1, maxFailedAttempts);
                update.setTimestamp(2, Timestamp.from(until));
                update.setObject(3, attempt.userId());
                update.setString(4, attempt.source());
                update.executeUpdate();
            }
            int failures = failures(c, attempt.userId(), attempt.source());
            // Failures are counted one at a time under the row lock: exactly one of them reaches the maximum.
            return new Failure(failures, failures == maxFailedAttempts ? Optional.of(until) : Optional.empty());
        });
    }

    /** Accepts a right password only if this attempt ran alone and unlocked; true if it did. */
    public boolean succeed(Attempt attempt) {
        Instant now = now();
        return transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement("""
                    UPDATE login_guard SET failed_attempts = 0, in_flight = 0, locked_until = NULL
                    WHERE user_id = ? AND source = ? AND (locked_until IS NULL OR locked_until <= ?)
                      AND failed_attempts = ? AND in_flight = 1""")) {
                update.setObject(1, attempt.userId());
                update.setString(2, attempt.source());
                update.setTimestamp(3, Timestamp.from(now));
                update.setInt(4, attempt.failuresBefore());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Ends an attempt without counting it (a refused success, a disabled account). */
    public void release(Attempt attempt) {
        transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement("""
                    UPDATE login_guard SET in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END
                    WHERE user_id = ? AND source = ?""")) {
                update.setObject(1, attempt.userId());
                update.setString(2, attempt.source());
                return update.executeUpdate();
            }
        });
    }

    /** Lifts every lock of the user, from every source; true if there was one in force. */
    public boolean unlock(UUID userId) {
        boolean wasLocked = lockedUntil(userId).isPresent();
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement("DELETE FROM login_guard WHERE user_id = ?")) {
                delete.setObject(1, userId);
                return delete.executeUpdate();
            }
        });
        return wasLocked;
    }

    /** Until when the user is locked out from at least one source, if they are. */
    public Optional<Instant> lockedUntil(UUID userId) {
        Instant now = now();
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT MAX(locked_until) FROM login_guard WHERE user_id = ? AND locked_until > ?")) {
                query.setObject(1, userId);
                query.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rows = query.executeQuery()) {
                    Timestamp until = rows.next() ? rows.getTimestamp(1) : null;
                    return Optional.ofNullable(until).map(Timestamp::toInstant);
                }
            }
        });
    }

    private boolean exists(UUID userId, String source) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT 1 FROM login_guard WHERE user_id = ? AND source = ?")) {
                query.setObject(1, userId);
                query.setString(2, source);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private void create(UUID userId, String source, Instant now) {
        try {
            transactions.executeWrite(status -> {
                try (PreparedStatement insert = status.getConnection().prepareStatement("""
                        INSERT INTO login_guard (user_id, source, failed_attempts, in_flight, locked_until, last_attempt_at)
                        VALUES (?, ?, 0, 0, NULL, ?)""")) {
                    insert.setObject(1, userId);
                    insert.setString(2, source);
                    insert.setTimestamp(3, Timestamp.from(now));
                    return insert.executeUpdate();
                }
            });
        } catch (Exception raced) {
            // Another attempt created the row first (unique key): use theirs. (The callback's SQLException
            // reaches here unwrapped, hence the broad catch.)
            if (!exists(userId, source)) {
                throw new IllegalStateException("cannot record a sign-in attempt", raced);
            }
        }
    }

    private static int failures(Connection c, UUID userId, String source) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT failed_attempts FROM login_guard WHERE user_id = ? AND source = ?")) {
            query.setObject(1, userId);
            query.setString(2, source);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
