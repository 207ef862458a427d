package org.grantline.grants.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baltimore's demo deadline "reminded today": at every hour of the day a reminder of the default
 * schedule (1 day before and on the day at 09:00 local, reminders of the last 36 hours caught up) is
 * already due, and its deadline (17:00 local) has not passed, so it goes out within a minute of start.
 */
class RemindedTodayTest {
    static final ZoneId BALTIMORE = ZoneId.of("America/New_York");

    @Test
    void atEveryHourSomeReminderOfTheDeadlineIsDueAndTheDeadlineIsAheadByAnHourOrMore() {
        ZonedDateTime start = ZonedDateTime.of(LocalDate.of(2027, 3, 13), LocalTime.MIDNIGHT, BALTIMORE); // across spring forward
        for (int quarter = 0; quarter < 4 * 72; quarter++) {
            ZonedDateTime now = start.plusMinutes(15L * quarter);
            LocalDate day = DemoGrants.remindedToday(now);
            ZonedDateTime deadline = ZonedDateTime.of(day, LocalTime.of(17, 0), BALTIMORE);
            assertThat(Duration.between(now, deadline)).as("at " + now).isGreaterThanOrEqualTo(Duration.ofHours(1));
            boolean due = false;
            for (int offset : new int[]{1, 0}) {
                ZonedDateTime reminder = ZonedDateTime.of(day.minusDays(offset), LocalTime.of(9, 0), BALTIMORE);
                Duration ago = Duration.between(reminder, now);
                due |= !ago.isNegative() && ago.compareTo(Duration.ofHours(36)) <= 0;
            }
            assertThat(due).as("a reminder due at " + now + " for " + deadline).isTrue();
        }
    }
}
