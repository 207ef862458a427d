package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/** The feed's cursor and lease; the lease updates return how many rows they changed (1: this replica holds it). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FeedStateRepository extends GenericRepository<FeedState, String> {

    Optional<FeedState> findById(String id);

    /** Takes the lease when nobody holds it, it ran out, or this replica holds it already. */
    @Query("UPDATE feed_state SET lease_owner = :owner, lease_until = :until WHERE id = :id "
            + "AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)")
    int takeLease(String id, String owner, Instant until, Instant now);

    @Query("UPDATE feed_state SET lease_until = :until WHERE id = :id AND lease_owner = :owner")
    int extendLease(String id, String owner, Instant until);

    @Query("UPDATE feed_state SET feed_cursor = :cursor WHERE id = :id")
    int saveCursor(String id, String cursor);

    /** A complete run: the window reached {@code windowTo}; the lease is given back. */
    @Query("UPDATE feed_state SET window_to = :windowTo, last_success_at = :now, last_error = NULL, lease_until = NULL, "
            + "lease_owner = NULL WHERE id = :id AND lease_owner = :owner")
    int succeeded(String id, String owner, Instant windowTo, Instant now);

    /** A failed run: the cursor stays where the last page left it; the lease is given back. */
    @Query("UPDATE feed_state SET last_error = :error, lease_until = NULL, lease_owner = NULL WHERE id = :id AND lease_owner = :owner")
    int failed(String id, String owner, @Nullable String error);
}
