package org.grantline.notifications.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Serdeable
public record NotificationView(UUID id, String subject, String body, Instant createdAt, @Nullable Instant readAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.subject(), n.body(), n.createdAt(), n.readAt());
    }

    @Serdeable
    public record Page(List<NotificationView> items, int page, int size, long total) {
    }
}
