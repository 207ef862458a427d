package org.grantline.notifications.email;

import jakarta.inject.Singleton;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.preference.UnsubscribeFooter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The content of one recipient's email of the day: a subject, plain text and HTML (templates {@code email/digest.*}), an .ics of the deadlines. */
@Singleton
public class DigestEmail {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm a zzz", Locale.US);

    /** One reminder in the email. */
    public record Item(UUID requirementId, int offsetDays, boolean escalate, String conditionTitle, String programName,
                       String awardNumber, String jurisdictionName, Instant deadline, String timeZone) {
        String title() {
            return conditionTitle == null ? "Certification" : conditionTitle;
        }

        public String localDeadline() {
            return local(deadline, timeZone);
        }
    }

    /** One line of the email, as the templates show it. */
    public record Line(String title, String when, String jurisdiction, String program, String award, String deadline, String todo,
                       String link) {
    }

    /** What the templates are given. */
    public record View(List<Line> lines, UnsubscribeFooter.Footer footer) {
    }

    public record Content(String subject, String text, String html, String ics) {
    }

    private final EmailTemplates templates;

    public DigestEmail(EmailTemplates templates) {
        this.templates = templates;
    }

    /** A deadline as the jurisdiction reads it: "Thursday, November 20, 2031 at 11:59 PM CST". */
    public static String local(Instant deadline, String timeZone) {
        return LOCAL.format(deadline.atZone(ZoneId.of(timeZone)));
    }

    /**
     * One line per requirement and deadline: reminders of one deadline that go out together (a
     * late run joins "due in 1 day" and "due today") are one line, the most urgent of them; the
     * subject counts these lines, the distinct deadlines. The footer says how to unsubscribe (or why not).
     */
    public Content compose(List<Item> unsorted, String appUrl, Instant now, UnsubscribeFooter.Footer footer) {
        List<Item> items = lines(unsorted);
        Item first = items.get(0);
        String subject = items.size() == 1
                ? (first.escalate() ? "Overdue: " : "") + first.title() + " " + ReminderSchedule.describe(first.offsetDays())
                + (first.jurisdictionName() == null ? "" : " — " + first.jurisdictionName())
                : "GrantLine: " + items.size() + " certification deadlines need attention";
        List<Line> lines = items.stream().map(i -> new Line(i.title(), ReminderSchedule.describe(i.offsetDays()), nz(i.jurisdictionName()),
                nz(i.programName()), nz(i.awardNumber()), i.localDeadline(), todo(i), link(appUrl, i.requirementId()))).toList();
        EmailTemplates.Body body = templates.render(EmailTemplates.Template.DIGEST, new View(lines, footer));
        return new Content(subject, body.text(), body.html(), ics(items, appUrl, now));
    }

    /** The most urgent reminder of each requirement and deadline, by deadline. */
    static List<Item> lines(List<Item> unsorted) {
        Map<String, Item> byDeadline = new LinkedHashMap<>();
        for (Item i : unsorted) {
            byDeadline.merge(i.requirementId() + "@" + i.deadline(), i, (a, b) -> moreUrgent(a, b) ? a : b);
        }
        return byDeadline.values().stream()
                .sorted(Comparator.comparing(Item::deadline).thenComparing(i -> i.requirementId().toString())).toList();
    }

    private static boolean moreUrgent(Item a, Item b) {
        if (a.escalate() != b.escalate()) {
            return a.escalate();
        }
        return a.offsetDays() <= b.offsetDays();
    }

    static String todo(Item i) {
        if (i.escalate()) {
            return "The deadline has passed and the certification has not been submitted. Submit the signed certification "
                    + "now, or ask the DOJ grant officer for an extension; this notice also goes to the chief executive and DOJ.";
        }
        return "Submit the signed certification with its supporting documents in GrantLine before the deadline.";
    }

    static String ics(List<Item> items, String appUrl, Instant now) {
        Set<UUID> seen = new HashSet<>();
        return Ics.calendar("GrantLine deadlines", items.stream().filter(i -> seen.add(i.requirementId())).map(i -> new Ics.Event(i.requirementId() + "@grantline",
                i.deadline(), "Deadline: " + i.title() + (i.jurisdictionName() == null ? "" : " (" + i.jurisdictionName() + ")"),
                todo(i) + " Deadline: " + i.localDeadline() + ".", link(appUrl, i.requirementId()),
                List.of(Duration.ofDays(7), Duration.ofDays(1)))).toList(), now);
    }

    /** The web app's page of the requirement (it asks to sign in first when needed), not the API. */
    public static String link(String appUrl, UUID requirementId) {
        return appUrl + "/#/requirements/" + requirementId;
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
