package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import org.grantline.grants.api.FeedItem;

import java.util.List;
import java.util.UUID;

/**
 * The names a reminder shows, where the feed does not carry them (program names, condition titles;
 * an award the feed does not name): grants' public reads, with this service's own token. Only the
 * fields read here are declared (grants' views carry more).
 */
@Client(id = "grants")
public interface GrantsNamesClient {
    @Serdeable
    record Award(UUID id, UUID jurisdictionId, UUID programId, int fiscalYear, String awardNumber) {
        /** The award as the feed names it, or null when the feed item does not carry award details. */
        @Nullable
        static Award of(FeedItem item) {
            return item.programId() == null || item.fiscalYear() == null || item.awardNumber() == null ? null
                    : new Award(item.awardId(), item.jurisdictionId(), item.programId(), item.fiscalYear(), item.awardNumber());
        }
    }

    @Serdeable
    record AwardPage(List<Award> items, int page, int size, long total) {
    }

    @Serdeable
    record Program(UUID id, String code, String name) {
    }

    @Serdeable
    record Condition(UUID id, UUID programId, int fiscalYear, String code, String title) {
    }

    @Get("/api/awards/{id}")
    Award award(UUID id);

    @Get("/api/awards")
    AwardPage awards(@QueryValue int page, @QueryValue int size);

    @Get("/api/programs/{id}")
    Program program(UUID id);

    @Get("/api/programs/{programId}/conditions")
    List<Condition> conditions(UUID programId, @QueryValue int fiscalYear);
}
