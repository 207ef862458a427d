package org.grantline.gateway.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.UUID;

/** The conditional updates decide in the database, so concurrent requests on any replica cannot race them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TotpFactorRepository extends CrudRepository<TotpFactor, UUID> {

    /** Uses the step's code once: 1 if this request took it, 0 if it (or a later one) was used already or the factor is locked. */
    @Query("UPDATE totp_factor SET last_used_step = :step, failed_attempts = 0, locked_until = NULL "
            + "WHERE user_id = :userId AND last_used_step < :step AND (locked_until IS NULL OR locked_until <= :now)")
    int useStep(UUID userId, long step, Instant now);

    @Query("UPDATE totp_factor SET confirmed_at = :now, last_used_step = :step, failed_attempts = 0 "
            + "WHERE user_id = :userId AND confirmed_at IS NULL AND secret = :secret")
    int confirm(UUID userId, String secret, long step, Instant now);

    /** Counts a wrong code; the factor locks at the limit (the count starts again after the lock). */
    @Query("UPDATE totp_factor SET failed_attempts = CASE WHEN failed_attempts + 1 >= :limit THEN 0 ELSE failed_attempts + 1 END, "
            + "locked_until = CASE WHEN failed_attempts + 1 >= :limit THEN :lockedUntil ELSE locked_until END "
            + "WHERE user_id = :userId")
    int fail(UUID userId, int limit, Instant lockedUntil);

    @Query("SELECT COUNT(*) > 0 FROM totp_factor WHERE user_id = :userId AND locked_until > :now")
    boolean isLocked(UUID userId, Instant now);
}
