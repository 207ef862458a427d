package org.grantline.notifications.email;

import org.grantline.notifications.plan.ReminderSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The content of one recipient's email of the day: a subject, plain text, HTML and an .ics of the deadlines. */
public final class DigestEmail {
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

    /** A deadline as the jurisdiction reads it: "Thursday, November 20, 2031 at 11:59 PM CST". */
    public static String local(Instant deadline, String timeZone) {
        return LOCAL.format(deadline.atZone(ZoneId.of(timeZone)));
    }

    public record Content(String subject, String text, String html, String ics) {
    }

    private DigestEmail() {
    }

    /**
     * One line per requirement and deadline: reminders of one deadline that go out together (a
     * late run joins "due in 1 day" and "due today") are one line, the most urgent of them; the
     * subject counts these lines, the distinct deadlines.
     */
    public static Content compose(List<Item> unsorted, String appUrl, Instant now) {
        java.util.Map<String, Item> byDeadline = new java.util.LinkedHashMap<>();
        for (Item i : unsorted) {
            byDeadline.merge(i.requirementId() + "@" + i.deadline(), i, (a, b) -> moreUrgent(a, b) ? a : b);
        }
        List<Item> items = byDeadline.values().stream()
                .sorted(Comparator.comparing(Item::deadline).thenComparing(i -> i.requirementId().toString())).toList();
        Item first = items.get(0);
        String subject = items.size() == 1
                ? (first.escalate() ? "Overdue: " : "") + first.title() + " " + ReminderSchedule.describe(first.offsetDays())
                + (first.jurisdictionName() == null ? "" : " — " + first.jurisdictionName())
                : "GrantLine: " + items.size() + " certification deadlines need attention";
        StringBuilder text = new StringBuilder("GrantLine certification reminders\n\n");
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>GrantLine certification reminders</h2><ul>");
        for (Item i : items) {
            String link = link(appUrl, i.requirementId());
            String todo = todo(i);
            text.append("* ").append(i.title()).append(" — ").append(ReminderSchedule.describe(i.offsetDays())).append('\n')
                    .append("  Jurisdiction: ").append(nz(i.jurisdictionName())).append('\n')
                    .append("  Program and award: ").append(nz(i.programName())).append(", award ").append(nz(i.awardNumber())).append('\n')
                    .append("  Deadline: ").append(i.localDeadline()).append('\n')
                    .append("  What to do: ").append(todo).append('\n')
                    .append("  Open it: ").append(link).append("\n\n");
            html.append("<li><p><strong>").append(esc(i.title())).append("</strong> — ").append(esc(ReminderSchedule.describe(i.offsetDays())))
                    .append("<br>Jurisdiction: ").append(esc(nz(i.jurisdictionName())))
                    .append("<br>Program and award: ").append(esc(nz(i.programName()))).append(", award ").append(esc(nz(i.awardNumber())))
                    .append("<br>Deadline: <strong>").append(esc(i.localDeadline())).append("</strong>")
                    .append("<br>What to do: ").append(esc(todo))
                    .append("<br><a href=\"").append(esc(link)).append("\">Open the requirement in GrantLine</a></p></li>");
        }
        text.append("The attached calendar file holds these deadlines.\n");
        html.append("</ul><p>The attached calendar file holds these deadlines.</p></body></html>");
        return new Content(subject, text.toString(), html.toString(), ics(items, appUrl, now));
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

    public static String ics(List<Item> items, String appUrl, Instant now) {
        java.util.Set<UUID> seen = new java.util.HashSet<>();
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

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
