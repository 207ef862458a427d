package org.grantline.notifications.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Notices as one reader sees them: those to them ({@code username}), their jurisdiction's when they
 * are an official bound to it ({@code jurisdictionId}, else null), DOJ's when they are a DOJ officer
 * ({@code doj}), less the kinds they declined ({@code declined}; {@code declinesNone} when it is empty,
 * since an empty list expands to {@code (NULL)}).
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InboxRepository extends GenericRepository<Notification, UUID> {
    String VISIBLE = " (n.recipient = :username OR (n.audience = 'JURISDICTION' AND n.jurisdiction_id = :jurisdictionId)"
            + " OR (:doj AND n.audience = 'DOJ'))"
            + " AND (n.notice_kind IS NULL OR :declinesNone OR n.notice_kind NOT IN (:declined))";
    String READ_BY_READER = " LEFT JOIN notification_read r ON r.notification_id = n.id AND r.username = :username";

    @Query("SELECT COUNT(*) FROM notification n WHERE" + VISIBLE)
    long countVisible(String username, @Nullable UUID jurisdictionId, boolean doj, boolean declinesNone, List<String> declined);

    /** Newest first; read when the notice itself was read (one person's) or this reader read it. */
    @Query("SELECT n.id, n.subject, n.body, n.created_at, COALESCE(n.read_at, r.read_at) AS read_at, n.jurisdiction_id, "
            + "n.requirement_id, n.link FROM notification n" + READ_BY_READER + " WHERE" + VISIBLE
            + " ORDER BY n.created_at DESC, n.id LIMIT :limit OFFSET :offset")
    List<NotificationView> visible(String username, @Nullable UUID jurisdictionId, boolean doj, boolean declinesNone,
                                   List<String> declined, int limit, long offset);

    @Query("SELECT COUNT(*) FROM notification n" + READ_BY_READER + " WHERE n.read_at IS NULL AND r.read_at IS NULL AND" + VISIBLE)
    long countUnread(String username, @Nullable UUID jurisdictionId, boolean doj, boolean declinesNone, List<String> declined);

    @Query("SELECT COUNT(*) FROM notification n WHERE n.id = :id AND" + VISIBLE)
    long countVisibleWithId(UUID id, String username, @Nullable UUID jurisdictionId, boolean doj, boolean declinesNone,
                            List<String> declined);

    /** 1 when this reader had not read it yet. */
    @Query("INSERT INTO notification_read (notification_id, username, read_at) VALUES (:id, :username, :readAt) ON CONFLICT DO NOTHING")
    int markRead(UUID id, String username, Instant readAt);
}
