package org.grantline.notifications.inbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.security.Caller;

import java.util.UUID;

/**
 * {@code /api/notifications}: the caller's inbox, newest first — notices addressed to them, their
 * jurisdiction's reminders (officials and legal officers) and escalations (DOJ officers). Read
 * state is per person.
 */
@Controller("/api/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Authenticated
@Tag(name = "Inbox")
public class InboxController {

    private final Inbox inbox;

    public InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @Serdeable
    public record UnreadCount(long unread) {
    }

    @Get
    @Operation(summary = "The caller's notifications, newest first")
    @ProblemResponses.BadRequest
    public NotificationView.Page inbox(Authentication caller,
                                       @QueryValue(defaultValue = "0") @Min(0) int page,
                                       @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        return inbox.page(Caller.of(caller), page, size);
    }

    @Get("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    public UnreadCount unread(Authentication caller) {
        return new UnreadCount(inbox.unread(Caller.of(caller)));
    }

    @Post("/{id}/read")
    @ProblemResponses.BadRequest
    @Operation(summary = "Marks a notification read")
    @NoContent
    @ProblemResponses.NotFound
    @Status(HttpStatus.NO_CONTENT)
    public void markRead(UUID id, Authentication caller) {
        inbox.markRead(id, Caller.of(caller));
    }
}
