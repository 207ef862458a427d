package org.grantline.notifications.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * When each reminder of a deadline is due. The day is counted on the jurisdiction's calendar
 * (its local deadline date minus the offset), and only then is the send time placed on that day
 * in that zone: a daylight-saving change between the reminder and the deadline never moves a
 * reminder to another day. A send time that falls in a spring-forward gap moves forward by the
 * gap, as {@link ZonedDateTime#of} does.
 */
public final class ReminderSchedule {

    public enum Kind { BEFORE, DAY_OF, OVERDUE }

    /** Offsets and send time for one program (or the defaults). Negative offsets are not allowed. */
    public record Settings(List<Integer> offsetsDays, List<Integer> overdueDays, LocalTime sendTime) {
        public Settings {
            offsetsDays = List.copyOf(offsetsDays);
            overdueDays = List.copyOf(overdueDays);
        }
    }

    /** {@code offsetDays}: days before the deadline; negative for days overdue. */
    public record Planned(int offsetDays, Kind kind, boolean escalate, LocalDate localDate, Instant dueAt) {
    }

    private ReminderSchedule() {
    }

    public static List<Planned> plan(Instant deadline, LocalDate deadlineLocalDate, ZoneId zone, Settings settings) {
        List<Planned> planned = new ArrayList<>();
        for (int days : settings.offsetsDays().stream().distinct().sorted((a, b) -> b - a).toList()) {
            LocalDate day = deadlineLocalDate.minusDays(days);
            Instant due = ZonedDateTime.of(day, settings.sendTime(), zone).toInstant();
            if (due.isAfter(deadline)) {
                continue; // the day-of reminder for a deadline earlier than the send time would come too late
            }
            planned.add(new Planned(days, days == 0 ? Kind.DAY_OF : Kind.BEFORE, false, day, due));
        }
        for (int days : settings.overdueDays().stream().distinct().sorted().toList()) {
            LocalDate day = deadlineLocalDate.plusDays(days);
            planned.add(new Planned(-days, Kind.OVERDUE, true, day, ZonedDateTime.of(day, settings.sendTime(), zone).toInstant()));
        }
        return planned;
    }

    /** How a reminder names its moment: "due in 7 days", "due today", "1 day overdue". */
    public static String describe(int offsetDays) {
        if (offsetDays == 0) {
            return "due today";
        }
        if (offsetDays > 0) {
            return "due in " + offsetDays + (offsetDays == 1 ? " day" : " days");
        }
        return -offsetDays + (offsetDays == -1 ? " day" : " days") + " overdue";
    }
}
