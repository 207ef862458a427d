package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.ServiceAuth;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** The grants service as this service reads it, with its own token: the deadline feed and the names a reminder shows. */
@Singleton
public class GrantsClient {
    private final HttpClient grants;
    private final ServiceAuth auth;

    public GrantsClient(@Client(id = "grants") HttpClient grants, ServiceAuth auth) {
        this.grants = grants;
        this.auth = auth;
    }

    /**
     * {@code programId}, {@code fiscalYear}, {@code awardNumber}: the award's, when the grants service sends them (else looked up);
     * {@code updatedAt}: when grants last changed the requirement (older feeds leave it out).
     */
    @Serdeable
    public record FeedItem(UUID id, UUID awardId, UUID conditionId, UUID jurisdictionId, Instant deadline,
                           LocalDate deadlineLocalDate, LocalTime deadlineLocalTime, String timeZone, String status,
                           boolean enjoined, long version, @Nullable UUID programId, @Nullable Integer fiscalYear,
                           @Nullable String awardNumber, @Nullable Instant updatedAt, @Nullable Boolean awardEnded) {

        /** The award runs no more (declined, expired, clawed back, closed): nothing is owed, nobody is reminded. */
        public boolean awardHasEnded() {
            return Boolean.TRUE.equals(awardEnded);
        }

        /** The award as the feed names it, or null when this feed does not carry award details. */
        @Nullable
        public Award award() {
            return programId == null || fiscalYear == null || awardNumber == null ? null
                    : new Award(awardId, jurisdictionId, programId, fiscalYear, awardNumber);
        }
    }

    @Serdeable
    public record Feed(List<FeedItem> items, String cursor, boolean more) {
    }

    @Serdeable
    public record Award(UUID id, UUID jurisdictionId, UUID programId, int fiscalYear, String awardNumber) {
    }

    @Serdeable
    public record AwardPage(List<Award> items, int page, int size, long total) {
    }

    @Serdeable
    public record Program(UUID id, String code, String name) {
    }

    @Serdeable
    public record Condition(UUID id, UUID programId, int fiscalYear, String code, String title) {
    }

    public Feed feed(Instant from, Instant to, @Nullable String cursor, int limit) {
        UriBuilder uri = UriBuilder.of("/api/certifications/feed").queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("limit", limit);
        if (cursor != null) {
            uri.queryParam("cursor", cursor);
        }
        return get(uri.build(), Argument.of(Feed.class));
    }

    @Serdeable
    public record ItemsQuery(List<UUID> ids) {
    }

    @Serdeable
    public record Items(List<FeedItem> items) {
    }

    /** The named requirements as the feed shows them now, whatever their deadline; unknown ids are left out. */
    public List<FeedItem> items(List<UUID> ids) {
        return grants.toBlocking().retrieve(HttpRequest.POST("/api/certifications/feed/items", new ItemsQuery(ids))
                .header(HttpHeaders.AUTHORIZATION, auth.bearer()), Items.class).items();
    }

    public Award award(UUID id) {
        return get(URI.create("/api/awards/" + id), Argument.of(Award.class));
    }

    public AwardPage awards(int page, int size) {
        return get(UriBuilder.of("/api/awards").queryParam("page", page).queryParam("size", size).build(),
                Argument.of(AwardPage.class));
    }

    public Program program(UUID id) {
        return get(URI.create("/api/programs/" + id), Argument.of(Program.class));
    }

    public List<Condition> conditions(UUID programId, int fiscalYear) {
        return get(UriBuilder.of("/api/programs/" + programId + "/conditions").queryParam("fiscalYear", fiscalYear).build(),
                Argument.listOf(Condition.class));
    }

    private <T> T get(URI uri, Argument<T> type) {
        return grants.toBlocking().retrieve(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, auth.bearer()), type);
    }
}
