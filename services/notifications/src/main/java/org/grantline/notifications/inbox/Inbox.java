package org.grantline.notifications.inbox;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who sees which notice, and per-person read state. */
@Singleton
public class Inbox {
    private final InboxRepository notices;
    private final AuditTrail audit;
    private final Clock clock;
    private final NotificationPreferences preferences;

    public Inbox(InboxRepository notices, AuditTrail audit, Clock clock, NotificationPreferences preferences) {
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.preferences = preferences;
    }

    /**
     * What one caller sees: their own notices, their jurisdiction's (officials and legal officers bound to one),
     * DOJ's (DOJ officers), less the kinds of notice they declined (mandatory ones are never hidden).
     */
    private record Reader(String username, @Nullable UUID jurisdictionId, boolean doj, List<String> declined) {
        boolean declinesNone() {
            return declined.isEmpty();
        }
    }

    private Reader reader(Caller caller) {
        UUID jurisdiction = caller.has(Roles.JURISDICTION_OFFICIAL) || caller.has(Roles.LEGAL_OFFICER)
                ? caller.jurisdictionId().orElse(null) : null;
        List<String> declined = preferences.find(NotificationPreference.SubjectType.USER, caller.subject())
                .map(p -> p.declined().stream().filter(k -> !k.mandatory()).map(NoticeKind::name).toList()).orElse(List.of());
        return new Reader(caller.subject(), jurisdiction, caller.has(Roles.DOJ_OFFICER), declined);
    }

    @Transactional
    public NotificationView.Page page(Caller caller, int page, int size) {
        Reader r = reader(caller);
        long total = notices.countVisible(r.username(), r.jurisdictionId(), r.doj(), r.declinesNone(), r.declined());
        List<NotificationView> items = notices.visible(r.username(), r.jurisdictionId(), r.doj(), r.declinesNone(), r.declined(), size,
                (long) page * size);
        return new NotificationView.Page(items, page, size, total);
    }

    public long unread(Caller caller) {
        Reader r = reader(caller);
        return notices.countUnread(r.username(), r.jurisdictionId(), r.doj(), r.declinesNone(), r.declined());
    }

    @Transactional
    public void markRead(UUID id, Caller caller) {
        Reader r = reader(caller);
        if (notices.countVisibleWithId(id, r.username(), r.jurisdictionId(), r.doj(), r.declinesNone(), r.declined()) == 0) {
            throw Problems.notFound("No notification " + id);
        }
        if (notices.markRead(id, r.username(), clock.instant()) == 1) {
            audit.record("notification.read", "notification", id, null, Map.of("by", r.username()));
        }
    }
}
