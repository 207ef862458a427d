package org.grantline.grants.certification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.grantline.grants.court.Enjoinments;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deadline feed the notifications service plans reminders from: requirements whose deadline
 * falls in a window, changed after a cursor, with what it needs to plan (jurisdiction, deadline
 * instant and local time, status, enjoined). Only the notifications service itself, or an admin.
 */
@Controller("/api/certifications/feed")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.SERVICE, Roles.ADMIN})
public class DeadlineFeedController {
    static final String READER = "notifications";
    static final Duration MAX_WINDOW = Duration.ofDays(400);
    private static final UUID FIRST = new UUID(0, 0);

    private final RequirementRepository requirements;
    private final RequirementService service;

    public DeadlineFeedController(RequirementRepository requirements, RequirementService service) {
        this.requirements = requirements;
        this.service = service;
    }

    /** {@code cursor}: pass it back as {@code cursor} to get only what changed since; {@code more}: call again now. */
    @Serdeable
    public record Feed(List<RequirementView> items, String cursor, boolean more) {
    }

    @Get
    public Feed feed(@QueryValue Instant from, @QueryValue Instant to, @Nullable @QueryValue Instant updatedSince,
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
        Instant now = Instant.now();
        Enjoinments enjoinments = service.enjoinments();
        String next = page.isEmpty() ? since + "_" + afterId
                : page.get(page.size() - 1).updatedAt() + "_" + page.get(page.size() - 1).id();
        return new Feed(page.stream().map(r -> service.view(r, now, enjoinments)).toList(), next, more);
    }
}
