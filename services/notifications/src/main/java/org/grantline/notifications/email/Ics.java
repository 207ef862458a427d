package org.grantline.notifications.email;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VAlarm;
import biweekly.component.VEvent;
import biweekly.parameter.Related;
import biweekly.property.CalendarScale;
import biweekly.property.Method;
import biweekly.property.Trigger;
import com.github.mangstadt.vinnie.io.VObjectPropertyValues;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * iCalendar (RFC 5545) text for deadlines, written by biweekly: UTC times, escaped text, CRLF.
 * Each event lasts {@link #LENGTH} from the deadline: §3.8.2.2 wants DTEND after DTSTART.
 * biweekly folds lines at 75 characters, not octets (§3.1), so its folding is off and {@link #fold} folds by octets.
 */
public final class Ics {
    public static final Duration LENGTH = Duration.ofMinutes(30);

    public record Event(String uid, Instant start, String summary, String description, String url, List<Duration> alarmsBefore) {
    }

    private Ics() {
    }

    public static String calendar(String name, List<Event> events, Instant stamp) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//GrantLine//Notifications//EN");
        ical.setCalendarScale(CalendarScale.gregorian());
        ical.setMethod(Method.publish());
        // an extended property is written as given, so its text is escaped here
        ical.setExperimentalProperty("X-WR-CALNAME", VObjectPropertyValues.escape(name == null ? "" : name));
        for (Event e : events) {
            VEvent event = new VEvent();
            event.setUid(e.uid());
            event.setDateTimeStamp(Date.from(stamp));
            event.setDateStart(Date.from(e.start()));
            event.setDateEnd(Date.from(e.start().plus(LENGTH)));
            event.setSummary(e.summary());
            event.setDescription(e.description());
            event.setUrl(e.url());
            event.setTransparency(true);
            for (Duration before : e.alarmsBefore()) {
                // RELATED spelled out: strict parsers want it
                event.addAlarm(VAlarm.display(new Trigger(biweekly.util.Duration.fromMillis(-before.toMillis()), Related.START), e.summary()));
            }
            ical.addEvent(event);
        }
        return fold(Biweekly.write(ical).foldLines(false).go());
    }

    /** Folds each CRLF line at 75 octets (CRLF + space, then 74 octets a line), never inside a UTF-8 character. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 64);
        for (String line : text.split("\r\n")) {
            int octets = 0;
            int limit = 75;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + n > limit) {
                    out.append("\r\n ");
                    octets = 0;
                    limit = 74;
                }
                out.appendCodePoint(cp);
                octets += n;
                i += Character.charCount(cp);
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
