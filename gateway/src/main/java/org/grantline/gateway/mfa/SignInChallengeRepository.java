package org.grantline.gateway.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SignInChallengeRepository extends CrudRepository<SignInChallenge, UUID> {

    Optional<SignInChallenge> findByTokenHash(String tokenHash);

    /** Ends the challenge once: 1 for the request that did it. */
    @Query("UPDATE sign_in_challenge SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now")
    int use(UUID id, Instant now);

    /** Counts a wrong code; at the limit the challenge is spent and the user starts again with the password. */
    @Query("UPDATE sign_in_challenge SET failures = failures + 1, "
            + "used_at = CASE WHEN failures + 1 >= :limit THEN :now ELSE used_at END WHERE id = :id AND used_at IS NULL")
    int fail(UUID id, int limit, Instant now);

    @Query("DELETE FROM sign_in_challenge WHERE expires_at < :before")
    int deleteExpiredBefore(Instant before);
}
