package org.grantline.gateway.passkey;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PasskeyRepository extends CrudRepository<Passkey, UUID> {
    Optional<Passkey> findByCredentialId(String credentialId);

    List<Passkey> findByUserIdOrderByCreatedAt(UUID userId);

    long countByUserId(UUID userId);

    @Query("DELETE FROM passkey WHERE user_id = :userId")
    int deleteByUserId(UUID userId);

    /** Moves the counter on once: 0 when another sign-in with this passkey moved it first. */
    @Query("UPDATE passkey SET sign_count = :signCount, last_used_at = :now WHERE id = :id AND sign_count = :previous")
    int used(UUID id, long previous, long signCount, Instant now);
}
