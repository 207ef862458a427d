package org.grantline.grants.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods of a recurring report, pure date arithmetic: periods of {@code everyMonths} aligned to the
 * calendar year (6 months: January–June and July–December; 3: the quarters), from the one that holds
 * {@code from} up to and including the one that holds {@code today}. A period is asked for as it begins.
 */
public final class ReportPeriods {
    private ReportPeriods() {
    }

    public record Period(LocalDate start, LocalDate end) {
        public LocalDate due(int daysAfter) {
            return end.plusDays(daysAfter);
        }
    }

    public static Period holding(LocalDate day, int everyMonths) {
        if (everyMonths < 1 || 12 % everyMonths != 0) {
            throw new IllegalArgumentException("a period of " + everyMonths + " months does not divide the year");
        }
        int index = (day.getMonthValue() - 1) / everyMonths;
        LocalDate start = LocalDate.of(day.getYear(), index * everyMonths + 1, 1);
        return new Period(start, start.plusMonths(everyMonths).minusDays(1));
    }

    /**
     * Every period from the one holding {@code from} to the one holding {@code today}; none when {@code from} lies in a
     * later period. ({@code from} may be a day after {@code today} in the same period: an award dated by UTC's date is
     * still "tomorrow" in Los Angeles for a few hours, and its period has begun.)
     */
    public static List<Period> between(LocalDate from, LocalDate today, int everyMonths) {
        List<Period> periods = new ArrayList<>();
        Period p = holding(from, everyMonths);
        while (!p.start().isAfter(today)) {
            periods.add(p);
            LocalDate next = p.end().plusDays(1);
            p = new Period(next, next.plusMonths(everyMonths).minusDays(1));
        }
        return periods;
    }
}
