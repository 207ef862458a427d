package org.grantline.gateway.user;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppUserRepository extends PageableRepository<AppUser, UUID> {

    Optional<AppUser> findByUsername(String username);

    boolean existsByUsername(String username);

    /** Counts failures atomically, so concurrent attempts on several gateway replicas all count. */
    @Query("UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE id = :id")
    void incrementFailedAttempts(UUID id);

    @Query("UPDATE app_user SET failed_attempts = 0, locked_until = :lockedUntil WHERE id = :id")
    void lockUntil(UUID id, Instant lockedUntil);

    @Query("UPDATE app_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id AND (failed_attempts <> 0 OR locked_until IS NOT NULL)")
    void clearFailures(UUID id);

    @Query("SELECT failed_attempts FROM app_user WHERE id = :id")
    int failedAttempts(UUID id);
}
