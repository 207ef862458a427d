package org.grantline.gateway.passkey;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PasskeyChallengeRepository extends CrudRepository<PasskeyChallenge, UUID> {
    /** Spends the challenge once: 1 for the request that did it (any replica), 0 if used, expired or unknown. */
    @Query("UPDATE passkey_challenge SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now")
    int use(UUID id, Instant now);

    @Query("DELETE FROM passkey_challenge WHERE expires_at < :before")
    int deleteExpiredBefore(Instant before);
}
