package org.grantline.grants.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodsTest {

    @Test
    void semiAnnualPeriodsAreTheCalendarHalvesFromTheOneHoldingTheStartToTheOneHoldingToday() {
        assertThat(ReportPeriods.between(LocalDate.of(2017, 9, 1), LocalDate.of(2018, 7, 1), 6)).containsExactly(
                new ReportPeriods.Period(LocalDate.of(2017, 7, 1), LocalDate.of(2017, 12, 31)),
                new ReportPeriods.Period(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 6, 30)),
                new ReportPeriods.Period(LocalDate.of(2018, 7, 1), LocalDate.of(2018, 12, 31)));
        assertThat(ReportPeriods.holding(LocalDate.of(2018, 6, 30), 6).due(30)).isEqualTo(LocalDate.of(2018, 7, 30));
    }

    @Test
    void quartersMonthsAndYearsAlignToo() {
        assertThat(ReportPeriods.holding(LocalDate.of(2024, 2, 29), 3))
                .isEqualTo(new ReportPeriods.Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)));
        assertThat(ReportPeriods.holding(LocalDate.of(2024, 2, 10), 1))
                .isEqualTo(new ReportPeriods.Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(ReportPeriods.holding(LocalDate.of(2024, 12, 31), 12))
                .isEqualTo(new ReportPeriods.Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(ReportPeriods.between(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 1, 1), 1)).hasSize(2);
    }

    @Test
    void aStartAfterTodayAsksForNothingAndAPeriodThatDoesNotDivideTheYearIsRefused() {
        assertThat(ReportPeriods.between(LocalDate.of(2030, 1, 1), LocalDate.of(2029, 12, 31), 6)).isEmpty();
        assertThat(ReportPeriods.between(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), 6)).as("a day ahead, same period")
                .containsExactly(new ReportPeriods.Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31)));
        assertThatThrownBy(() -> ReportPeriods.holding(LocalDate.of(2024, 1, 1), 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
