package org.grantline.notifications.delivery;

import org.grantline.notifications.message.MessageEmailStatus;
import org.grantline.notifications.operator.RunStatus;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.plan.ReminderStatus;
import org.grantline.notifications.preference.NoticeKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status enums are stored by name: these are the values already in the tables (V2, V3, V6), so renaming a constant
 * would strand rows. Also which digests still take the day's reminders, and what notice each reminder kind is.
 */
class StoredStatusNamesTest {

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void theEnumsNameTheValuesTheTablesHold() {
        assertThat(names(DeliveryStatus.values())).containsExactly("PENDING", "SENDING", "SENT", "FAILED", "DEAD", "CANCELLED");
        assertThat(names(Channel.values())).containsExactly("EMAIL", "INBOX", "WEBHOOK");
        assertThat(names(ReminderStatus.values())).containsExactly("PLANNED", "FANNED_OUT", "CANCELLED", "SKIPPED");
        assertThat(names(ReminderSchedule.Kind.values())).containsExactly("BEFORE", "DAY_OF", "OVERDUE");
        assertThat(names(MessageEmailStatus.values())).containsExactly("PENDING", "SENT", "FAILED");
        assertThat(names(RunStatus.values())).containsExactly("RUNNING", "SUCCEEDED", "FAILED");
    }

    @Test
    void aDigestTakesMoreRemindersUntilItIsBeingSentSentOrDead() {
        assertThat(Arrays.stream(DeliveryStatus.values()).filter(DeliveryStatus::takesMoreItems))
                .containsExactly(DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.CANCELLED);
    }

    @Test
    void eachReminderKindIsANoticeKind() {
        assertThat(NoticeKind.of(ReminderSchedule.Kind.BEFORE, true)).isEqualTo(NoticeKind.REMINDER);
        assertThat(NoticeKind.of(ReminderSchedule.Kind.DAY_OF, true)).isEqualTo(NoticeKind.DUE_TODAY);
        assertThat(NoticeKind.of(ReminderSchedule.Kind.OVERDUE, true)).isEqualTo(NoticeKind.ESCALATION);
        assertThat(NoticeKind.of(ReminderSchedule.Kind.OVERDUE, false)).isEqualTo(NoticeKind.OVERDUE);
    }
}
