package org.grantline.notifications.inbox;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code GET /api/notifications}: the caller's own inbox, newest first. Nobody reads another's. */
@Controller("/api/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class InboxController {

    private final NotificationRepository notifications;

    public InboxController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @Get
    public NotificationView.Page inbox(Authentication caller,
                                       @QueryValue(defaultValue = "0") @Min(0) int page,
                                       @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        var result = notifications.findByRecipient(caller.getName(),
                Pageable.from(page, size, Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("id"))));
        return new NotificationView.Page(result.getContent().stream().map(NotificationView::of).toList(), page, size,
                result.getTotalSize());
    }
}
