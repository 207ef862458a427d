package org.grantline.gateway.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RecoveryCodeRepository extends CrudRepository<RecoveryCode, UUID> {

    /** Spends one code: 1 if this request did, 0 if it is unknown or was spent already. */
    @Query("UPDATE recovery_code SET used_at = :now WHERE user_id = :userId AND code_hash = :codeHash AND used_at IS NULL")
    int spend(UUID userId, String codeHash, Instant now);

    @Query("SELECT COUNT(*) FROM recovery_code WHERE user_id = :userId AND used_at IS NULL")
    long countUnused(UUID userId);

    void deleteByUserId(UUID userId);
}
