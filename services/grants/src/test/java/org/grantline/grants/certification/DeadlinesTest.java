package org.grantline.grants.certification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aLocalDeadlineIsTheInstantOfThatWallClockTimeInTheJurisdictionsZone() {
        assertThat(Deadlines.instant(LocalDate.of(2017, 10, 16), Deadlines.DEFAULT_TIME, NEW_YORK))
                .isEqualTo(Instant.parse("2017-10-17T03:59:00Z"));
        assertThat(Deadlines.instant(LocalDate.of(2017, 10, 16), Deadlines.DEFAULT_TIME, ZoneId.of("Pacific/Honolulu")))
                .isEqualTo(Instant.parse("2017-10-17T09:59:00Z"));
        assertThat(Deadlines.instant(LocalDate.of(2018, 1, 15), Deadlines.DEFAULT_TIME, ZoneId.of("America/Chicago")))
                .isEqualTo(Instant.parse("2018-01-16T05:59:00Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesToTheEndOfTheGapAndAnAutumnOverlapTakesTheLaterHour() {
        assertThat(Deadlines.instant(LocalDate.of(2017, 3, 12), LocalTime.of(2, 30), NEW_YORK))
                .isEqualTo(Instant.parse("2017-03-12T07:00:00Z"));
        assertThat(Deadlines.instant(LocalDate.of(2017, 11, 5), LocalTime.of(1, 30), NEW_YORK))
                .isEqualTo(Instant.parse("2017-11-05T06:30:00Z"));
    }
}
