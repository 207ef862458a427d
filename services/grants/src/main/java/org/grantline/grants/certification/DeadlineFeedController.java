package org.grantline.grants.certification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.grantline.grants.award.Award;
import org.grantline.grants.award.AwardRepository;
import org.grantline.grants.court.Enjoinments;
import org.grantline.shared.input.InDateRange;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deadline feed the notifications service plans reminders from: requirements whose deadline
 * falls in a window, changed after a cursor, with what it needs to plan (jurisdiction, deadline
 * instant and local time, status, enjoined). Only the notifications service itself, or an admin.
 */
@Controller("/api/certifications/feed")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SERVICE, Roles.ADMIN})
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class DeadlineFeedController {
    static final String READER = "notifications";
    static final Duration MAX_WINDOW = Duration.ofDays(400);
    private static final UUID FIRST = new UUID(0, 0);

    private final RequirementRepository requirements;
    private final RequirementService service;
    private final AwardRepository awards;

    public DeadlineFeedController(RequirementRepository requirements, RequirementService service, AwardRepository awards) {
        this.requirements = requirements;
        this.service = service;
        this.awards = awards;
    }

    /** {@code cursor}: pass it back as {@code cursor} to get only what changed since; {@code more}: call again now. */
    @Serdeable
    public record Feed(List<FeedItem> items, String cursor, boolean more) {
    }

    /**
     * A requirement as {@link RequirementView} shows it, with what a reminder names of its award
     * (program, fiscal year, award number), so the reader need not look up each award; {@code awardEnded}:
     * the award runs no more (declined, expired, clawed back, closed), so no reminder is due. {@code updatedAt}:
     * when the requirement last changed, so a reader can tell a newer reading from an older one.
     */
    @Serdeable
    public record FeedItem(UUID id, UUID awardId, UUID conditionId, UUID jurisdictionId, Instant deadline,
                           java.time.LocalDate deadlineLocalDate, java.time.LocalTime deadlineLocalTime, String timeZone,
                           RequirementStatus status, boolean enjoined, List<UUID> enjoinedBy, boolean overdue,
                           @Nullable String rejectionReason, @Nullable String waiverReason, long version,
                           @Nullable UUID programId, @Nullable Integer fiscalYear, @Nullable String awardNumber,
                           Instant updatedAt, boolean awardEnded) {

        static FeedItem of(Requirement r, RequirementView v, @Nullable Award award) {
            return new FeedItem(v.id(), v.awardId(), v.conditionId(), v.jurisdictionId(), v.deadline(), v.deadlineLocalDate(),
                    v.deadlineLocalTime(), v.timeZone(), v.status(), v.enjoined(), v.enjoinedBy(), v.overdue(),
                    v.rejectionReason(), v.waiverReason(), v.version(), award == null ? null : award.programId(),
                    award == null ? null : award.fiscalYear(), award == null ? null : award.awardNumber(), r.updatedAt(),
                    award != null && award.status().ended());
        }
    }

    @Get
    @Operation(summary = "Requirements whose deadline falls in [from, to), changed after the cursor")
    @ProblemResponses.BadRequest
    public Feed feed(@QueryValue @InDateRange Instant from, @QueryValue @InDateRange Instant to,
                     @Nullable @QueryValue @InDateRange Instant updatedSince,
                     @Nullable @QueryValue @Pattern(regexp = "[0-9T:.Z-]+_[0-9a-f-]{36}", message = "must be a cursor from this feed") String cursor,
                     @QueryValue(defaultValue = "500") @Min(1) @Max(5000) int limit, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(Roles.ADMIN) && !READER.equals(caller.subject())) {
            throw Problems.forbidden("Only the notifications service reads the deadline feed");
        }
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw Problems.invalid("to", "the window must be after 'from' and at most " + MAX_WINDOW.toDays() + " days");
        }
        Instant since = updatedSince == null ? Instant.EPOCH : updatedSince;
        UUID afterId = FIRST;
        if (cursor != null) {
            String[] parts = cursor.split("_");
            try {
                since = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw Problems.invalid("cursor", "must be a cursor from this feed");
            }
        }
        List<Requirement> changed = requirements.changedInWindow(from, to, since, afterId, limit + 1);
        boolean more = changed.size() > limit;
        List<Requirement> page = more ? changed.subList(0, limit) : changed;
        String next = page.isEmpty() ? since + "_" + afterId
                : page.get(page.size() - 1).updatedAt() + "_" + page.get(page.size() - 1).id();
        return new Feed(items(page), next, more);
    }

    /** At most {@value #MAX_IDS} ids: the requirements a change announcement named. */
    @Serdeable
    public record ItemsQuery(@NotNull @Size(min = 1, max = MAX_IDS) List<@NotNull UUID> ids) {
    }

    @Serdeable
    public record Items(List<FeedItem> items) {
    }

    static final int MAX_IDS = 500;

    /**
     * The same items for named requirements, whatever their deadline (unknown ids are left out): what
     * the notifications service reads back when grants announces that they changed.
     */
    @Post("/items")
    @Operation(summary = "Feed items of the named requirements, as the feed shows them now")
    @org.grantline.shared.openapi.Idempotent
    @ProblemResponses.BadRequest
    public Items items(@Valid @Body ItemsQuery query, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(Roles.ADMIN) && !READER.equals(caller.subject())) {
            throw Problems.forbidden("Only the notifications service reads the deadline feed");
        }
        return new Items(items(requirements.findByIdIn(new java.util.HashSet<>(query.ids()))));
    }

    private List<FeedItem> items(List<Requirement> page) {
        Instant now = Instant.now();
        Enjoinments enjoinments = service.enjoinments();
        Map<UUID, Award> byId = page.isEmpty() ? Map.of() : awards.findByIdIn(page.stream().map(Requirement::awardId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Award::id, Function.identity()));
        return page.stream().map(r -> FeedItem.of(r, service.view(r, now, enjoinments), byId.get(r.awardId()))).toList();
    }
}
