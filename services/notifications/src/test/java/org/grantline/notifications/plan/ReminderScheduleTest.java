package org.grantline.notifications.plan;

import org.grantline.notifications.delivery.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderScheduleTest {
    static final ReminderSchedule.Settings DEFAULTS = new ReminderSchedule.Settings(List.of(30, 14, 7, 3, 1, 0), List.of(1, 7), LocalTime.of(9, 0));

    static Map<Integer, Instant> plan(String zone, LocalDate date, LocalTime time, ReminderSchedule.Settings settings) {
        Instant deadline = LocalDateTime.of(date, time).atZone(ZoneId.of(zone)).toInstant();
        return ReminderSchedule.plan(deadline, date, ZoneId.of(zone), settings).stream()
                .collect(Collectors.toMap(ReminderSchedule.Planned::offsetDays, ReminderSchedule.Planned::dueAt));
    }

    @Test
    void defaultRemindersAreAt0900LocalOnTheirDaysThenOverdueNoticesThatEscalate() {
        var planned = ReminderSchedule.plan(Instant.parse("2031-05-09T03:59:00Z"), LocalDate.of(2031, 5, 8),
                ZoneId.of("America/New_York"), DEFAULTS);
        assertThat(planned).extracting(ReminderSchedule.Planned::offsetDays).containsExactly(30, 14, 7, 3, 1, 0, -1, -7);
        assertThat(planned).filteredOn(ReminderSchedule.Planned::escalate).extracting(ReminderSchedule.Planned::offsetDays).containsExactly(-1, -7);
        assertThat(plan("America/New_York", LocalDate.of(2031, 5, 8), LocalTime.of(23, 59), DEFAULTS))
                .containsEntry(7, Instant.parse("2031-05-01T13:00:00Z"))
                .containsEntry(0, Instant.parse("2031-05-08T13:00:00Z"))
                .containsEntry(-1, Instant.parse("2031-05-09T13:00:00Z"));
    }

    @Test
    void aDaylightSavingChangeBetweenReminderAndDeadlineKeepsTheDayAndTheLocalHour() {
        // US clocks go forward on 2031-03-09: reminders before it are 09:00 EST (14:00Z), after it 09:00 EDT (13:00Z).
        Map<Integer, Instant> due = plan("America/Chicago", LocalDate.of(2031, 3, 10), LocalTime.of(17, 0), DEFAULTS);
        assertThat(due.get(7)).isEqualTo(Instant.parse("2031-03-03T15:00:00Z"));
        assertThat(due.get(1)).isEqualTo(Instant.parse("2031-03-09T14:00:00Z"));
        assertThat(due.get(0)).isEqualTo(Instant.parse("2031-03-10T14:00:00Z"));
        // Autumn: clocks go back on 2031-11-02.
        Map<Integer, Instant> autumn = plan("America/Los_Angeles", LocalDate.of(2031, 11, 3), LocalTime.of(23, 59), DEFAULTS);
        assertThat(autumn.get(3)).isEqualTo(Instant.parse("2031-10-31T16:00:00Z"));
        assertThat(autumn.get(0)).isEqualTo(Instant.parse("2031-11-03T17:00:00Z"));
    }

    @Test
    void aSendTimeInTheSpringGapMovesForwardOnTheSameDay() {
        var settings = new ReminderSchedule.Settings(List.of(1), List.of(), LocalTime.of(2, 30));
        Map<Integer, Instant> due = plan("America/New_York", LocalDate.of(2031, 3, 10), LocalTime.of(23, 59), settings);
        assertThat(due.get(1).atZone(ZoneId.of("America/New_York")).toLocalDateTime()).isEqualTo(LocalDateTime.of(2031, 3, 9, 3, 30));
    }

    @Test
    void aDayOfReminderAfterAnEarlyDeadlineIsLeftOut() {
        assertThat(plan("America/New_York", LocalDate.of(2031, 5, 8), LocalTime.of(8, 0), DEFAULTS)).doesNotContainKey(0).containsKey(1);
    }

    @Test
    void perProgramOffsetsAndSendTime() {
        var settings = new ReminderSchedule.Settings(List.of(10, 2), List.of(3), LocalTime.of(8, 30));
        assertThat(plan("Pacific/Honolulu", LocalDate.of(2031, 5, 20), LocalTime.of(17, 0), settings))
                .containsOnlyKeys(10, 2, -3).containsEntry(10, Instant.parse("2031-05-10T18:30:00Z"));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        Backoff low = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), () -> 0.999999);
        assertThat(low.after(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(high.after(1)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(low.after(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(high.after(20)).isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(low.after(20)).isEqualTo(Duration.ofMinutes(30));
    }
}
