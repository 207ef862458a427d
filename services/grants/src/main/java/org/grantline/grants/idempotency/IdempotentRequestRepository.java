package org.grantline.grants.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotentRequestRepository extends CrudRepository<IdempotentRequest, IdempotentRequest.Key> {

    /** Claims the key for a first request; 0 when someone already holds it. */
    @Query("INSERT INTO idempotent_request (caller, idempotency_key, request_hash, method, path, created_at) "
            + "VALUES (:caller, :key, :hash, :method, :path, :now) ON CONFLICT DO NOTHING")
    int reserve(String caller, String key, String hash, String method, String path, Instant now);

    /** Takes over a claim whose request never finished (its replica died) and was made before the cutoff. */
    @Query("UPDATE idempotent_request SET created_at = :now WHERE caller = :caller AND idempotency_key = :key "
            + "AND request_hash = :hash AND status IS NULL AND created_at < :cutoff")
    int takeOver(String caller, String key, String hash, Instant cutoff, Instant now);

    @Query("UPDATE idempotent_request SET status = :status, content_type = :contentType, location = :location, "
            + "response_body = :body, completed_at = :now WHERE caller = :caller AND idempotency_key = :key")
    int complete(String caller, String key, int status, @Nullable String contentType, @Nullable String location,
                 @Nullable String body, Instant now);

    /** Frees the key after a request that failed (and so changed nothing): the client may try again. */
    @Query("DELETE FROM idempotent_request WHERE caller = :caller AND idempotency_key = :key AND status IS NULL")
    int release(String caller, String key);

    @Query("DELETE FROM idempotent_request WHERE created_at < :cutoff")
    int deleteCreatedBefore(Instant cutoff);
}
