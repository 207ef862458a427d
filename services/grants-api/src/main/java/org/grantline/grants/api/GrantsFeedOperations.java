package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.time.Instant;

/**
 * The deadline feed the notifications service plans reminders from (role SERVICE, subject
 * {@code notifications}, or an admin): grants' {@code DeadlineFeedController} implements it, the
 * notifications service's {@code @Client(id = "grants")} extends it. Its limits (window of at most
 * 400 days, limit 1..5000, dates in range) are the controller's.
 */
public interface GrantsFeedOperations {
    String PATH = "/api/certifications/feed";

    /** Requirements whose deadline falls in [from, to), changed after the cursor (or {@code updatedSince}). */
    @Get(PATH)
    Feed feed(@QueryValue Instant from, @QueryValue Instant to, @Nullable @QueryValue Instant updatedSince,
              @Nullable @QueryValue String cursor, @QueryValue(defaultValue = "500") int limit);

    /** The same items for named requirements, whatever their deadline (unknown ids are left out). */
    @Post(PATH + "/items")
    FeedItems items(@Body FeedItemsQuery query);
}
