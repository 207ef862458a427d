package org.grantline.shared.problem;

import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.http.HttpStatus;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a database failure means for the client. Two requests that race for the same row end in a
 * unique-key violation (SQLState 23505), a lost optimistic lock (Micronaut Data's
 * {@link OptimisticLockException}: the row's version moved), a serialization failure (40001) or a
 * deadlock (40P01); each is a {@code 409}, because retrying after reading again is the client's
 * move. A value PostgreSQL cannot store (a NUL character, 22021) is the client's {@code 400}.
 * Anything else stays a 500.
 */
public final class DatabaseConflicts {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private DatabaseConflicts() {
    }

    /** The SQLState of the first {@link SQLException} in the cause chain. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** True when the failure is a unique-key violation, of {@code constraint} if given (its name appears in the message). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        if (!sqlState(failure).map(UNIQUE_VIOLATION::equals).orElse(false)) {
            return false;
        }
        if (constraint == null) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static boolean isLostUpdate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return sqlState(failure).map(s -> s.equals("40001") || s.equals("40P01")).orElse(false);
    }

    /** The problem the client should see for this database failure, if it is theirs to resolve. */
    public static Optional<ProblemException> problemFor(Throwable failure) {
        if (isLostUpdate(failure)) {
            return Optional.of(concurrentUpdate());
        }
        String state = sqlState(failure).orElse("");
        return switch (state) {
            case UNIQUE_VIOLATION -> Optional.of(Problems.conflict("duplicate",
                    "It already exists: another request, possibly made at the same moment, created it"));
            case FOREIGN_KEY_VIOLATION -> Optional.of(Problems.conflict("conflict",
                    "It refers to a record that another request changed or removed at the same moment; read it again"));
            case "22021", "22P05" -> Optional.of(Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "A value holds a character that cannot be stored (such as NUL)"));
            case "22001" -> Optional.of(Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                    "A value is longer than can be stored"));
            default -> Optional.empty();
        };
    }

    /** The 409 for a record changed by someone else since it was read (or at the same moment). */
    public static ProblemException concurrentUpdate() {
        return Problems.conflict("concurrent-update",
                "Someone changed this record at the same moment; read it again and retry");
    }
}
