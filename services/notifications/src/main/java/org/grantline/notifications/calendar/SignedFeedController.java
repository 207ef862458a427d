package org.grantline.notifications.calendar;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.notifications.owner.Owners;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

/**
 * The caller's own calendar feed URL, derived rather than stored ({@link SignedFeeds}): a GET, so
 * DOJ officers and auditors (who change nothing) get theirs from the web app. Revoking the owner's
 * tokens at the gateway changes the URL and stops the old one.
 */
@Controller("/api/calendar/feed-url")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Calendar")
public class SignedFeedController {
    private final SignedFeeds signedFeeds;
    private final Owners owners;

    public SignedFeedController(SignedFeeds signedFeeds, Owners owners) {
        this.signedFeeds = signedFeeds;
        this.owners = owners;
    }

    @Serdeable
    public record FeedUrlView(String url) {
    }

    @Get
    @Operation(summary = "The caller's calendar feed URL, derived from who they are (nothing is stored)")
    @ProblemResponses.ServiceUnavailable
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public FeedUrlView get(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.has(Roles.SERVICE)) {
            throw Problems.forbidden("Calendar feeds are for people");
        }
        Owners.Owner owner;
        try {
            owner = owners.current(caller.subject()).filter(Owners.Owner::enabled)
                    .orElseThrow(() -> Problems.forbidden("This user is disabled or unknown"));
        } catch (Owners.OwnerUnavailable e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "owner-unavailable", "Calendar unavailable",
                    "Who you are now cannot be read from the gateway; try again later");
        }
        if (!owner.seesAll() && owner.jurisdictionId() == null) {
            throw Problems.forbidden("No jurisdiction bound to this user");
        }
        return new FeedUrlView(signedFeeds.url(owner));
    }
}
