package org.grantline.grants.certification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.utils.SecurityService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.grantline.grants.api.Feed;
import org.grantline.grants.api.FeedItem;
import org.grantline.grants.api.FeedItems;
import org.grantline.grants.api.FeedItemsQuery;
import org.grantline.grants.api.GrantsFeedOperations;
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
 * The contract (paths, records) is grants-api's {@link GrantsFeedOperations}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SERVICE, Roles.ADMIN})
@ProblemResponses.Authenticated
@Tag(name = "Service to service")
public class DeadlineFeedController implements GrantsFeedOperations {
    static final String READER = "notifications";
    static final Duration MAX_WINDOW = Duration.ofDays(400);
    private static final UUID FIRST = new UUID(0, 0);

    private final RequirementRepository requirements;
    private final RequirementService service;
    private final AwardRepository awards;
    private final SecurityService security;

    public DeadlineFeedController(RequirementRepository requirements, RequirementService service, AwardRepository awards,
                                  SecurityService security) {
        this.requirements = requirements;
        this.service = service;
        this.awards = awards;
        this.security = security;
    }

    /** The feed's item for a requirement: as {@link RequirementView} shows it, with its award's names. */
    static FeedItem item(Requirement r, RequirementView v, @Nullable Award award) {
        return new FeedItem(v.id(), v.awardId(), v.conditionId(), v.jurisdictionId(), v.deadline(), v.deadlineLocalDate(),
                v.deadlineLocalTime(), v.timeZone(), v.status(), v.enjoined(), v.enjoinedBy(), v.overdue(),
                v.rejectionReason(), v.waiverReason(), v.version(), award == null ? null : award.programId(),
                award == null ? null : award.fiscalYear(), award == null ? null : award.awardNumber(), r.updatedAt(),
                award != null && award.status().ended());
    }

    @Override
    @Operation(summary = "Requirements whose deadline falls in [from, to), changed after the cursor")
    @ProblemResponses.BadRequest
    public Feed feed(@QueryValue @InDateRange Instant from, @QueryValue @InDateRange Instant to,
                     @Nullable @QueryValue @InDateRange Instant updatedSince,
                     @Nullable @QueryValue @Pattern(regexp = "[0-9T:.Z-]+_[0-9a-f-]{36}", message = "must be a cursor from this feed") String cursor,
                     @QueryValue(defaultValue = "500") @Min(1) @Max(5000) int limit) {
        Caller caller = caller();
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

    /**
     * The same items for named requirements, whatever their deadline (unknown ids are left out): what
     * the notifications service reads back when grants announces that they changed.
     */
    @Override
    @Operation(summary = "Feed items of the named requirements, as the feed shows them now")
    @org.grantline.shared.openapi.Idempotent
    @ProblemResponses.BadRequest
    public FeedItems items(@Valid @Body FeedItemsQuery query) {
        Caller caller = caller();
        if (!caller.has(Roles.ADMIN) && !READER.equals(caller.subject())) {
            throw Problems.forbidden("Only the notifications service reads the deadline feed");
        }
        return new FeedItems(items(requirements.findByIdIn(new java.util.HashSet<>(query.ids()))));
    }

    /** The caller, from the request (the contract's methods carry no Authentication). */
    private Caller caller() {
        return Caller.of(security.getAuthentication().orElseThrow(() -> Problems.forbidden("Not authenticated")));
    }

    private List<FeedItem> items(List<Requirement> page) {
        Instant now = Instant.now();
        Enjoinments enjoinments = service.enjoinments();
        Map<UUID, Award> byId = page.isEmpty() ? Map.of() : awards.findByIdIn(page.stream().map(Requirement::awardId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Award::id, Function.identity()));
        return page.stream().map(r -> item(r, service.view(r, now, enjoinments), byId.get(r.awardId()))).toList();
    }
}
