package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The grants feed's place, shared by every replica ({@code feed_state}, one row): the change cursor,
 * how far the window reached at the last complete run, and the lease saying which replica is pulling.
 */
@MappedEntity("feed_state")
public record FeedState(@Id String id, @Nullable String feedCursor, @Nullable Instant windowTo, @Nullable String leaseOwner,
                        @Nullable Instant leaseUntil, @Nullable Instant lastSuccessAt, @Nullable String lastError) {
    /** The one row: the grants service's deadline feed. */
    public static final String GRANTS = "grants";
}
