package org.grantline.gateway.sessions;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.grantline.gateway.auth.RefreshToken;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionQueries extends GenericRepository<RefreshToken, UUID> {

    /** A session is active while it has a refresh token neither revoked nor expired; its newest token says who used it last. */
    @Query(value = "SELECT DISTINCT ON (session_id) session_id, issued_at AS last_used_at, user_agent, source_address, "
            + "FALSE AS current FROM refresh_token WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now "
            + "ORDER BY session_id, issued_at DESC", nativeQuery = true)
    List<SessionView> active(UUID userId, Instant now);
}
