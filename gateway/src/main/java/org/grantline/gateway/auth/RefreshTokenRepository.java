package org.grantline.gateway.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RefreshTokenRepository extends GenericRepository<RefreshToken, UUID> {

    RefreshToken save(RefreshToken token);

    Optional<RefreshToken> findByTokenHash(String tokenHash);

    /** Revokes one token; 1 if this call revoked it, 0 if it was already revoked (so only one refresh wins). */
    @Query("UPDATE refresh_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id, Instant now);

    @Query("UPDATE refresh_token SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    long revokeAllOf(UUID userId, Instant now);

    @Query("UPDATE refresh_token SET revoked_at = :now WHERE session_id = :sessionId AND revoked_at IS NULL")
    long revokeSession(UUID sessionId, Instant now);

    /** The device (User-Agent) and client address of the request a refresh token was issued to. */
    @Query("UPDATE refresh_token SET user_agent = :userAgent, source_address = :address WHERE id = :id")
    long describe(UUID id, @io.micronaut.core.annotation.Nullable String userAgent,
                  @io.micronaut.core.annotation.Nullable String address);

    @Query("DELETE FROM refresh_token WHERE expires_at < :before")
    long deleteExpired(Instant before);
}
