package org.grantline.notifications.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** One person's choices: the notice kinds they declined and the local hour of their daily digest. */
@MappedEntity("notification_preference")
public record NotificationPreference(@Id UUID id, SubjectType subjectType, String subject, @Nullable String email,
                                     String optedOut, @Nullable Integer digestHour, Instant updatedAt, @Version long version) {

    /** A signed-in user (by username) or a jurisdiction contact (by address, through a signed link). */
    public enum SubjectType { USER, CONTACT }

    public Set<NoticeKind> declined() {
        return NoticeKind.parse(optedOut);
    }

    /** Whether a notice of this kind reaches this person: mandatory ones always do. */
    public boolean receives(NoticeKind kind) {
        return kind.mandatory() || !declined().contains(kind);
    }
}
