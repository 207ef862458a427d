package org.grantline.notifications.delivery;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a recipient's digest of a day goes out: at the hour they chose on that day in the
 * jurisdiction's zone, or at once when that hour has passed (an hour earlier than the program's
 * send time cannot bring reminders forward: they are not due yet) or none was chosen.
 */
final class DigestHour {
    private DigestHour() {
    }

    static Instant sendAt(LocalDate day, @Nullable Integer hour, @Nullable ZoneId zone, Instant now) {
        if (hour == null || zone == null) {
            return now;
        }
        Instant chosen = day.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant();
        return chosen.isAfter(now) ? chosen : now;
    }
}
