package org.grantline.notifications.operator;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.DeliveryStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deliveries as operators read them and the one change they make (a dead delivery retried). Every
 * filter parameter is optional: null matches all.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeliveryViewRepository extends GenericRepository<ReminderQueries.Delivery, UUID> {
    String FILTER = " WHERE (CAST(:jurisdictionId AS uuid) IS NULL OR jurisdiction_id = :jurisdictionId)"
            + " AND (CAST(:requirementId AS uuid) IS NULL OR requirement_id = :requirementId)"
            + " AND (CAST(:status AS varchar) IS NULL OR status = :status)"
            + " AND (CAST(:channel AS varchar) IS NULL OR channel = :channel)"
            + " AND (CAST(:recipient AS varchar) IS NULL OR recipient = :recipient)"
            + " AND (CAST(:dueFrom AS timestamptz) IS NULL OR due_at >= :dueFrom)"
            + " AND (CAST(:dueTo AS timestamptz) IS NULL OR due_at < :dueTo)";

    @Introspected
    record StatusCount(String status, long count) {
    }

    Optional<ReminderQueries.Delivery> findById(UUID id);

    @Query("SELECT * FROM delivery" + FILTER + " ORDER BY due_at DESC, id LIMIT :limit OFFSET :offset")
    List<ReminderQueries.Delivery> filtered(@Nullable UUID jurisdictionId, @Nullable UUID requirementId, @Nullable DeliveryStatus status,
                                            @Nullable Channel channel, @Nullable String recipient, @Nullable Instant dueFrom,
                                            @Nullable Instant dueTo, int limit, long offset);

    @Query("SELECT COUNT(*) FROM delivery" + FILTER)
    long countFiltered(@Nullable UUID jurisdictionId, @Nullable UUID requirementId, @Nullable DeliveryStatus status,
                       @Nullable Channel channel, @Nullable String recipient, @Nullable Instant dueFrom, @Nullable Instant dueTo);

    @Query("SELECT status, COUNT(*) AS count FROM delivery" + FILTER + " GROUP BY status")
    List<StatusCount> countByStatus(@Nullable UUID jurisdictionId, @Nullable UUID requirementId, @Nullable DeliveryStatus status,
                                    @Nullable Channel channel, @Nullable String recipient, @Nullable Instant dueFrom,
                                    @Nullable Instant dueTo);

    /** A dead digest goes back to {@code pending}, attempts from zero. */
    @Query("UPDATE email_digest SET status = :pending, attempts = 0, next_attempt_at = :now, last_error = NULL, updated_at = :now "
            + "WHERE id = :digestId AND status = :dead")
    int retryDigest(UUID digestId, DeliveryStatus dead, DeliveryStatus pending, Instant now);

    /** A dead delivery, and the others of its digest, go back to {@code pending}, attempts from zero. */
    @Query("UPDATE delivery SET status = :pending, attempts = 0, next_attempt_at = :now, updated_at = :now "
            + "WHERE (id = :id OR (digest_id IS NOT NULL AND digest_id = :digestId)) AND status = :dead")
    int retry(UUID id, @Nullable UUID digestId, DeliveryStatus dead, DeliveryStatus pending, Instant now);
}
