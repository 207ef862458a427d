package org.grantline.notifications.inbox;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code link}: where the notice leads in the web app (a conversation message's thread); null on reminders, which name their requirement. */
@Serdeable
@Introspected   // also read straight from a query (InboxRepository)
public record NotificationView(UUID id, String subject, String body, Instant createdAt, @Nullable Instant readAt,
                               @Nullable UUID jurisdictionId, @Nullable UUID requirementId, @Nullable String link) {

    @Serdeable
    public record Page(List<NotificationView> items, int page, int size, long total) {
    }
}
