package org.grantline.notifications.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.notifications.preference.NotificationPreference.SubjectType;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who gets which notices, and when their digest goes out: read by the fan-out (by address) and the
 * inbox (by username), changed by the person (signed in, or a contact through a signed link). A
 * mandatory kind cannot be declined: asking to is a {@code 422 mandatory-notice}, and nothing changes.
 */
@Singleton
public class NotificationPreferences {
    private final NotificationPreferenceRepository repository;
    private final AuditTrail audit;
    private final Clock clock;

    public NotificationPreferences(NotificationPreferenceRepository repository, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    public record KindView(NoticeKind kind, String label, boolean mandatory, boolean receives) {
    }

    @Serdeable
    public record PreferencesView(String subject, List<KindView> kinds, List<NoticeKind> declined, @Nullable Integer digestHour,
                                  @Nullable Long version) {
    }

    /** The kinds to decline (all others are received) and the digest hour (0–23, the jurisdiction's local time; null: when due). */
    @Serdeable
    public record PreferencesCommand(@NotNull @Size(max = 10) List<@NotNull NoticeKind> declined,
                                     @Nullable @Min(0) @Max(23) Integer digestHour, @Nullable @Min(0) Long version) {
    }

    public static String address(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** The choices that govern each address (a user's and a contact's for one address: the latest change). */
    public Map<String, NotificationPreference> forEmails(Collection<String> emails) {
        Map<String, NotificationPreference> found = new HashMap<>();
        if (emails.isEmpty()) {
            return found;
        }
        for (NotificationPreference p : repository.findByEmailIn(emails)) {
            found.merge(p.email(), p, (a, b) -> a.updatedAt().isAfter(b.updatedAt()) ? a : b);
        }
        return found;
    }

    public Optional<NotificationPreference> find(SubjectType type, String subject) {
        return repository.findBySubjectTypeAndSubject(type, subject);
    }

    public PreferencesView view(SubjectType type, String subject) {
        return view(subject, find(type, subject).orElse(null));
    }

    static PreferencesView view(String subject, @Nullable NotificationPreference p) {
        Set<NoticeKind> declined = p == null ? EnumSet.noneOf(NoticeKind.class) : p.declined();
        return new PreferencesView(subject, Arrays.stream(NoticeKind.values())
                .map(k -> new KindView(k, k.label(), k.mandatory(), !declined.contains(k))).toList(),
                List.copyOf(declined), p == null ? null : p.digestHour(), p == null ? null : p.version());
    }

    /** Replaces a person's choices (with {@code version}: only the one read), audited as {@code actor}. */
    @Transactional
    public PreferencesView replace(SubjectType type, String subject, @Nullable String email, PreferencesCommand command, String actor) {
        List<NoticeKind> mandatory = command.declined().stream().filter(NoticeKind::mandatory).toList();
        if (!mandatory.isEmpty()) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "mandatory-notice", "Mandatory notice",
                    "Escalations that the program makes mandatory cannot be declined");
        }
        Optional<NotificationPreference> before = find(type, subject);
        if (command.version() != null && before.isEmpty()) {
            throw Problems.of(HttpStatus.CONFLICT, "stale-version", "Conflict",
                    "No choices have been saved yet (no version): send none to make them");
        }
        Problems.requireVersion(command.version(), before.map(NotificationPreference::version).orElse(null));
        Set<NoticeKind> declined = EnumSet.noneOf(NoticeKind.class);
        declined.addAll(command.declined());
        return save(type, subject, email, before, declined, command.digestHour(), "notification-preference.changed", actor);
    }

    /** One-click unsubscribe: the kinds are declined from now on (mandatory ones are never declined). */
    @Transactional
    public PreferencesView decline(String email, Set<NoticeKind> kinds, String actor) {
        String subject = address(email);
        Optional<NotificationPreference> before = find(SubjectType.CONTACT, subject);
        Set<NoticeKind> declined = EnumSet.noneOf(NoticeKind.class);
        before.ifPresent(p -> declined.addAll(p.declined()));
        kinds.stream().filter(k -> !k.mandatory()).forEach(declined::add);
        if (before.isPresent() && before.get().declined().equals(declined)) {
            return view(subject, before.get());   // a repeated click changes nothing
        }
        return save(SubjectType.CONTACT, subject, subject, before, declined, before.map(NotificationPreference::digestHour).orElse(null),
                "notification-preference.unsubscribed", actor);
    }

    private PreferencesView save(SubjectType type, String subject, @Nullable String email, Optional<NotificationPreference> before,
                                 Set<NoticeKind> declined, @Nullable Integer hour, String action, String actor) {
        NotificationPreference next = new NotificationPreference(before.map(NotificationPreference::id).orElse(UUID.randomUUID()), type,
                subject, email == null ? null : address(email), NoticeKind.join(declined), hour, clock.instant(),
                before.map(NotificationPreference::version).orElse(0L));
        NotificationPreference saved = before.isPresent() ? repository.update(next) : repository.save(next);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("declined", NoticeKind.join(declined));
        after.put("digestHour", hour);
        Map<String, Object> was = before.map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("declined", p.optedOut());
            m.put("digestHour", p.digestHour());
            return m;
        }).orElse(null);
        audit.recordAs(actor, action, "notification_preference", saved.id(), was, after);
        return view(subject, saved);
    }
}
