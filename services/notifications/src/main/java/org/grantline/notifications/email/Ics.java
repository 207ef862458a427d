package org.grantline.notifications.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * iCalendar (RFC 5545) text for deadlines: UTC times, escaped text, lines folded at 75 octets, CRLF.
 * Each event lasts {@link #LENGTH} from the deadline: §3.8.2.2 wants DTEND after DTSTART.
 */
public final class Ics {
    public static final Duration LENGTH = Duration.ofMinutes(30);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public record Event(String uid, Instant start, String summary, String description, String url, List<Duration> alarmsBefore) {
    }

    private Ics() {
    }

    public static String calendar(String name, List<Event> events, Instant stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//GrantLine//Notifications//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(name));
        for (Event e : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + e.uid());
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(e.start()));
            line(out, "DTEND:" + UTC.format(e.start().plus(LENGTH)));
            line(out, "SUMMARY:" + text(e.summary()));
            line(out, "DESCRIPTION:" + text(e.description()));
            if (e.url() != null) {
                line(out, "URL:" + e.url());
            }
            line(out, "TRANSP:TRANSPARENT");
            for (Duration before : e.alarmsBefore()) {
                line(out, "BEGIN:VALARM");
                line(out, "ACTION:DISPLAY");
                line(out, "DESCRIPTION:" + text(e.summary()));
                line(out, "TRIGGER;RELATED=START:-" + duration(before));   // RELATED spelled out: strict parsers want it
                line(out, "END:VALARM");
            }
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** A duration as RFC 5545 writes it: P7D, PT1H. */
    static String duration(Duration d) {
        if (d.toSeconds() % 86400 == 0) {
            return "P" + d.toDays() + "D";
        }
        return "PT" + d.toSeconds() + "S";
    }

    static String text(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    private static void line(StringBuilder out, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(line).append("\r\n");
            return;
        }
        int limit = 75;
        StringBuilder part = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + n > limit) {
                out.append(part).append("\r\n ");
                part.setLength(0);
                octets = 0;
                limit = 74;
            }
            part.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        out.append(part).append("\r\n");
    }
}
