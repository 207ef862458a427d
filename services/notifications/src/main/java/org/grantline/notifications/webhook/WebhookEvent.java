package org.grantline.notifications.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** The JSON bodies posted to webhooks; {@code deliveryId} is also the {@code X-GrantLine-Delivery} header. */
public sealed interface WebhookEvent {
    UUID deliveryId();

    /** The jurisdiction the event is about: its webhook's owner must still be allowed to read it. */
    UUID jurisdictionId();

    /** {@code certification.reminder}, or {@code certification.overdue} when it escalates. */
    @Serdeable
    record Reminder(UUID deliveryId, String type, UUID requirementId, UUID jurisdictionId, @Nullable String jurisdictionName,
                    @Nullable String condition, @Nullable String program, @Nullable String awardNumber, int offsetDays, String when,
                    String deadline, String deadlineLocal, String timeZone) implements WebhookEvent {
    }

    /**
     * {@code message.posted}: a message shared in a requirement's or a demand's conversation (not its
     * text); {@code requirementId} on a requirement's thread, {@code link} the web app's page of the thread.
     */
    @Serdeable
    record MessagePosted(UUID deliveryId, String type, UUID messageId, String subjectKind, UUID subjectId,
                         @Nullable UUID requirementId, UUID jurisdictionId, String authorRole, boolean fromDoj, String postedAt,
                         String link) implements WebhookEvent {
        public static final String TYPE = "message.posted";
    }
}
