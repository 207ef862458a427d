package org.grantline.notifications.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.grantline.notifications.plan.ReminderSchedule;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a notice is, as a recipient chooses what to get: reminders before the deadline, the notice
 * on the day, overdue notices, escalations that the program makes mandatory (never declined), and
 * new messages in a requirement's or a demand's conversation.
 */
@Serdeable
public enum NoticeKind {
    REMINDER("Reminders before a deadline"),
    DUE_TODAY("Notices on the day a certification is due"),
    OVERDUE("Overdue notices the program leaves optional"),
    ESCALATION("Overdue escalations the program makes mandatory"),
    MESSAGE("Messages in a conversation");

    private final String label;

    NoticeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A mandatory notice goes out whatever the recipient chose and carries no unsubscribe link. */
    public boolean mandatory() {
        return this == ESCALATION;
    }

    /**
     * The kind of a reminder ({@code BEFORE}, {@code DAY_OF}, {@code OVERDUE} in {@code reminder.kind}):
     * an overdue one is an escalation when its program makes escalations mandatory.
     */
    public static NoticeKind of(ReminderSchedule.Kind reminderKind, boolean escalationsMandatory) {
        return switch (reminderKind) {
            case BEFORE -> REMINDER;
            case DAY_OF -> DUE_TODAY;
            case OVERDUE -> escalationsMandatory ? ESCALATION : OVERDUE;
        };
    }

    /** A stored kind; rows written before kinds were kept count by their offset (overdue ones as mandatory). */
    public static NoticeKind stored(@Nullable String name, int offsetDays) {
        if (name != null) {
            return valueOf(name);
        }
        return offsetDays > 0 ? REMINDER : offsetDays == 0 ? DUE_TODAY : ESCALATION;
    }

    public static Set<NoticeKind> parse(@Nullable String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.noneOf(NoticeKind.class);
        }
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(NoticeKind::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(NoticeKind.class)));
    }

    public static String join(Set<NoticeKind> kinds) {
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
