package org.grantline.grants.certification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/** Deadlines are a local date and time of day in the jurisdiction's zone; this turns them into instants. */
public final class Deadlines {
    /** Unless DOJ says otherwise, a deadline falls at 23:59 local time. */
    public static final LocalTime DEFAULT_TIME = LocalTime.of(23, 59);

    private Deadlines() {
    }

    /**
     * The instant of a local deadline. In a spring-forward gap the wall time does not exist: the
     * deadline moves to the end of the gap (never earlier). In an autumn overlap it is the later of
     * the two instants, so nobody loses the repeated hour.
     */
    public static Instant instant(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(date, time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).withLaterOffsetAtOverlap().toInstant();
    }
}
