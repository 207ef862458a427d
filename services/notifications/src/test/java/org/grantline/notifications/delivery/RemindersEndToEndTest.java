package org.grantline.notifications.delivery;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.grantline.notifications.webhook.WebhookSignature;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders end to end: the feed and the registry as stand-ins over HTTP, a real SMTP server (GreenMail), a clock the test moves. */
class RemindersEndToEndTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.notifications.webhook-local-targets", "true");   // as the embedded default: a receiver on this machine
    }

    @BeforeAll
    void start() {
        NotificationsTestSupport.resetFeed(tx);
    }

    record Place(UUID id, String manager, String chief, String police) {
    }

    Place place(String name, String zone) {
        UUID id = registry.jurisdiction(name, "MD", zone);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Place p = new Place(id, "manager." + tag + "@city.test", "mayor." + tag + "@city.test", "police." + tag + "@city.test");
        registry.contact(id, "GRANT_MANAGER", p.manager());
        registry.contact(id, "CHIEF_EXECUTIVE", p.chief());
        registry.contact(id, "POLICE_CHIEF", p.police());
        return p;
    }

    /** A run at {@code now}, asked for over HTTP (202) and followed until it has finished; answers the finished run. */
    Map<String, Object> run(Instant now) {
        TestClock.set(now);
        TestHttp.Response r = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String location = r.header("Location");
        assertThat(location).isEqualTo("/api/reminders/runs/" + r.json().get("id"));
        Map<String, Object> run = r.json();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ("RUNNING".equals(run.get("status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            TestHttp.Response polled = http.get(location, TOKENS.auditor());
            assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
            run = polled.json();
        }
        assertThat(run).as("the run at " + now).containsEntry("status", "SUCCEEDED");
        return run;
    }

    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
                found.add(m);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schedule(UUID requirement) {
        TestHttp.Response r = http.get("/api/reminders/schedule?requirementId=" + requirement, TOKENS.dojOfficer());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) (List<?>) r.jsonList();
    }

    static String part(MimeMessage m, String type) throws Exception {
        return parts(m).stream().filter(p -> {
            try {
                return p.getContentType().toLowerCase().startsWith(type);
            } catch (Exception e) {
                return false;
            }
        }).map(p -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no " + type + " part"));
    }

    static List<BodyPart> parts(Object content) throws Exception {
        List<BodyPart> all = new ArrayList<>();
        Object c = content instanceof MimeMessage m ? m.getContent() : content;
        if (c instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.getContent() instanceof Multipart) {
                    all.addAll(parts(p.getContent()));
                } else {
                    all.add(p);
                }
            }
        }
        return all;
    }

    @Test
    void aRequirementDueIn7DaysGetsItsReminderAt0900JurisdictionTimeOnceWithContentAndCalendar() throws Exception {
        Place city = place("Baltimore", NY);
        UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2031, 5, 8), LocalTime.of(23, 59));
        run(Instant.parse("2031-05-01T12:00:00Z"));
        assertThat(schedule(requirement)).extracting(r -> r.get("offsetDays")).containsExactly(7, 3, 1, 0, -1, -7);
        assertThat(schedule(requirement).get(0)).containsEntry("dueAt", "2031-05-01T13:00:00Z").containsEntry("status", "PLANNED");

        run(Instant.parse("2031-05-01T12:59:59Z"));
        assertThat(mailTo(city.manager())).isEmpty();
        run(Instant.parse("2031-05-01T13:00:05Z"));
        run(Instant.parse("2031-05-01T13:05:00Z"));
        List<MimeMessage> mail = mailTo(city.manager());
        assertThat(mail).hasSize(1);
        MimeMessage m = mail.get(0);
        assertThat(m.getSubject()).contains(GrantsStub.CONDITION_TITLE).contains("due in 7 days").contains("Baltimore");
        assertThat(m.getHeader("Message-ID")[0]).matches("<digest\\.[0-9a-f-]{36}@grantline\\.notifications>");
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        String text = part(m, "text/plain");
        assertThat(text).contains("Thursday, May 8, 2031 at 11:59 PM EDT").contains("What to do: Submit the signed certification")
                .contains("https://grantline.test/#/requirements/" + requirement).doesNotContain("/api/").contains("2017-DJ-BX-");
        assertThat(part(m, "text/html")).contains("<a href=\"https://grantline.test/#/requirements/" + requirement);
        ICalendar ics = Biweekly.parse(part(m, "text/calendar")).first();
        VEvent event = ics.getEvents().get(0);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2031-05-09T03:59:00Z"));
        assertThat(event.getUid().getValue()).isEqualTo(requirement + "@grantline");
        assertThat(event.getAlarms()).hasSize(2);
        assertThat(mailTo(city.chief())).as("not escalated before the deadline").isEmpty();
        assertThat(mailTo(city.police())).as("not a reminder role").isEmpty();

        TestHttp.Response deliveries = http.get("/api/reminders?requirementId=" + requirement + "&channel=EMAIL", TOKENS.auditor());
        assertThat(deliveries.json().get("total")).isEqualTo(1);
        assertThat(http.get("/api/reminders/counts?requirementId=" + requirement, TOKENS.dojOfficer()).json()).containsEntry("SENT", 2);
    }

    @Test
    void aDeadlineAcrossTheSpringClockChangeIsRemindedAt0900LocalOnEachDay() throws Exception {
        Place city = place("Albuquerque", "America/Denver");
        UUID requirement = grants.requirement(city.id(), "America/Denver", LocalDate.of(2031, 3, 10), LocalTime.of(17, 0));
        run(Instant.parse("2031-03-02T00:00:00Z"));
        Map<Object, Object> due = new java.util.HashMap<>();
        schedule(requirement).forEach(r -> due.put(r.get("offsetDays"), r.get("dueAt")));
        assertThat(due).containsEntry(7, "2031-03-03T16:00:00Z")     // 09:00 MST
                .containsEntry(1, "2031-03-09T15:00:00Z")             // 09:00 MDT, the day clocks went forward
                .containsEntry(0, "2031-03-10T15:00:00Z");
        run(Instant.parse("2031-03-03T15:59:00Z"));
        assertThat(mailTo(city.manager())).isEmpty();
        run(Instant.parse("2031-03-03T16:00:00Z"));
        assertThat(mailTo(city.manager())).hasSize(1);                // 7 days before
        run(Instant.parse("2031-03-09T14:59:00Z"));
        assertThat(mailTo(city.manager())).hasSize(2);                // and 3 days before (09:00 MST on the 7th)
        run(Instant.parse("2031-03-09T15:00:00Z"));
        assertThat(mailTo(city.manager())).hasSize(3);
        assertThat(mailTo(city.manager()).get(2).getSubject()).contains("due in 1 day");
    }

    @Test
    void everythingDueForARecipientOnOneDayComesInOneEmail() throws Exception {
        Place city = place("Stockton", "America/Los_Angeles");
        UUID a = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 6, 10), LocalTime.of(23, 59));
        UUID b = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 6, 10), LocalTime.of(17, 0));
        UUID c = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 6, 13), LocalTime.of(23, 59));
        run(Instant.parse("2031-06-03T00:00:00Z"));   // earlier reminders are too old to catch up on
        run(Instant.parse("2031-06-03T16:30:00Z"));   // 09:30 PDT: 7 days before a and b
        run(Instant.parse("2031-06-03T23:00:00Z"));
        List<MimeMessage> mail = mailTo(city.manager());
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).contains("2 certification deadlines");
        assertThat(part(mail.get(0), "text/plain")).contains(a.toString()).contains(b.toString()).doesNotContain(c.toString());
        assertThat(Biweekly.parse(part(mail.get(0), "text/calendar")).first().getEvents()).hasSize(2);
        run(Instant.parse("2031-06-06T16:30:00Z"));   // 7 days before c
        assertThat(mailTo(city.manager())).hasSize(2);
    }

    @Test
    void remindersOfTwoDaysThatGoOutLateTogetherComeInOneEmail() throws Exception {
        Place city = place("Lodi", "America/Los_Angeles");
        UUID requirement = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 7, 10), LocalTime.of(23, 59));
        // 10:00 PDT on the day: yesterday's 1-day reminder (never sent) and today's are both due now.
        run(Instant.parse("2031-07-10T17:00:00Z"));
        List<MimeMessage> mail = mailTo(city.manager());
        assertThat(mail).as("one email per recipient per day, counted on the day it is sent").hasSize(1);
        String text = part(mail.get(0), "text/plain");
        assertThat(text).contains(requirement.toString());
        // One line per requirement: the two reminders of one deadline are its most urgent line, and the subject says one deadline.
        assertThat(text.split(java.util.regex.Pattern.quote("#/requirements/" + requirement), -1)).as(text).hasSize(2);
        assertThat(text).contains("due today").doesNotContain("due in 1 day");
        assertThat(mail.get(0).getSubject()).doesNotContain("2 certification deadlines").contains("due today");
    }

    @Test
    void aSubmissionStopsPendingRemindersAtOnce() throws Exception {
        Place city = place("Chicago", "America/Chicago");
        UUID requirement = grants.requirement(city.id(), "America/Chicago", LocalDate.of(2031, 7, 20), LocalTime.of(23, 59));
        run(Instant.parse("2031-07-10T00:00:00Z"));
        assertThat(schedule(requirement)).allSatisfy(r -> assertThat(r).containsEntry("status", "PLANNED"));
        grants.status(requirement, "SUBMITTED");
        run(Instant.parse("2031-07-10T00:05:00Z"));
        assertThat(schedule(requirement)).allSatisfy(r -> assertThat(r).containsEntry("status", "CANCELLED").containsEntry("reason", "submitted"));
        run(Instant.parse("2031-07-22T00:00:00Z"));
        assertThat(mailTo(city.manager())).isEmpty();
        assertThat(mailTo(city.chief())).isEmpty();
    }

    @Test
    void aRejectedCertificationKeepsItsRemindersAndTheyGoOut() throws Exception {
        Place city = place("Berkeley", "America/Los_Angeles");
        UUID requirement = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 12, 18), LocalTime.of(23, 59));
        run(Instant.parse("2031-12-01T00:00:00Z"));
        grants.status(requirement, "REJECTED");   // DOJ rejected the submission: the jurisdiction must submit again
        run(Instant.parse("2031-12-01T00:05:00Z"));
        assertThat(schedule(requirement)).isNotEmpty()
                .noneSatisfy(r -> assertThat(r.get("status")).isEqualTo("CANCELLED"));
        run(Instant.parse("2031-12-04T17:01:00Z"));   // 14 days before, 09:00 in Berkeley
        run(Instant.parse("2031-12-04T17:05:00Z"));
        assertThat(mailTo(city.manager())).isNotEmpty();
        assertThat(mailTo(city.manager()).get(0).getSubject()).contains("due in 14 days");
    }

    @Test
    void anExtendedDeadlineReplansTheReminders() throws Exception {
        Place city = place("Philadelphia", NY);
        UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2031, 8, 10), LocalTime.of(23, 59));
        run(Instant.parse("2031-08-01T00:00:00Z"));
        grants.deadline(requirement, LocalDate.of(2031, 9, 10), LocalTime.of(23, 59));
        run(Instant.parse("2031-08-01T00:05:00Z"));
        List<Map<String, Object>> all = schedule(requirement);
        assertThat(all).filteredOn(r -> r.get("deadline").equals("2031-08-11T03:59:00Z"))
                .allSatisfy(r -> assertThat(r).containsEntry("status", "CANCELLED"));
        assertThat(all).filteredOn(r -> r.get("deadline").equals("2031-09-11T03:59:00Z"))
                .extracting(r -> r.get("offsetDays")).containsExactly(30, 14, 7, 3, 1, 0, -1, -7);
        run(Instant.parse("2031-08-03T14:00:00Z"));   // the old 7-day moment
        assertThat(mailTo(city.manager())).isEmpty();
        run(Instant.parse("2031-08-11T13:01:00Z"));   // 30 days before the new deadline
        assertThat(mailTo(city.manager())).hasSize(1);
        assertThat(mailTo(city.manager()).get(0).getSubject()).contains("due in 30 days");
    }

    @Test
    void aCourtOrderStopsRemindersAndTheyResumeWhenItIsLifted() throws Exception {
        Place city = place("San Francisco", "America/Los_Angeles");
        UUID requirement = grants.requirement(city.id(), "America/Los_Angeles", LocalDate.of(2031, 10, 20), LocalTime.of(23, 59));
        run(Instant.parse("2031-10-01T00:00:00Z"));
        grants.enjoined(requirement, true);
        run(Instant.parse("2031-10-01T00:05:00Z"));
        assertThat(schedule(requirement)).allSatisfy(r -> assertThat(r).containsEntry("status", "CANCELLED").containsEntry("reason", "court order"));
        run(Instant.parse("2031-10-06T17:00:00Z"));   // the 14-day moment passes while enjoined
        assertThat(mailTo(city.manager())).isEmpty();
        grants.enjoined(requirement, false);
        run(Instant.parse("2031-10-10T00:00:00Z"));
        assertThat(schedule(requirement)).filteredOn(r -> r.get("status").equals("PLANNED"))
                .extracting(r -> r.get("offsetDays")).containsExactly(7, 3, 1, 0, -1, -7);
        run(Instant.parse("2031-10-13T16:01:00Z"));
        assertThat(mailTo(city.manager())).hasSize(1);
    }

    @Test
    void anOverdueRequirementEscalatesToTheChiefExecutiveAndTheDojOfficerAndTheirInboxes() throws Exception {
        Place city = place("New Orleans", "America/Chicago");
        UUID requirement = grants.requirement(city.id(), "America/Chicago", LocalDate.of(2031, 11, 20), LocalTime.of(23, 59));
        run(Instant.parse("2031-11-19T00:00:00Z"));
        run(Instant.parse("2031-11-21T15:00:00Z"));   // 09:00 CST the day after
        assertThat(mailTo(city.chief())).hasSize(1);
        assertThat(mailTo(city.manager())).hasSize(2);                  // the day-of reminder, then the overdue notice
        assertThat(mailTo(city.chief()).get(0).getSubject()).startsWith("Overdue: ").contains("1 day overdue");
        assertThat(part(mailTo(city.chief()).get(0), "text/plain")).contains("chief executive and DOJ");
        assertThat(mailTo("doj.officer@doj.test").stream().filter(m -> {
            try {
                return part(m, "text/plain").contains(requirement.toString());
            } catch (Exception e) {
                return false;
            }
        })).hasSize(1);

        TestHttp.Response official = http.get("/api/notifications", TOKENS.official(city.id()));
        assertThat(official.body()).contains("1 day overdue").contains(requirement.toString())
                .contains("deadline Thursday, November 20, 2031 at 11:59 PM CST");   // in the jurisdiction's time, not UTC
        assertThat(http.get("/api/notifications", TOKENS.official(UUID.randomUUID())).body()).doesNotContain(requirement.toString());
        assertThat(http.get("/api/notifications", TOKENS.dojOfficer()).body()).contains("Escalation: ");
        long unread = ((Number) http.get("/api/notifications/unread-count", TOKENS.official(city.id())).json().get("unread")).longValue();
        assertThat(unread).isGreaterThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        String first = ((List<Map<String, Object>>) official.json().get("items")).get(0).get("id").toString();
        assertThat(http.post("/api/notifications/" + first + "/read", TOKENS.official(city.id()), Map.of()).status()).isEqualTo(204);
        assertThat(((Number) http.get("/api/notifications/unread-count", TOKENS.official(city.id())).json().get("unread")).longValue())
                .isEqualTo(unread - 1);
        assertThat(http.post("/api/notifications/" + first + "/read", TOKENS.official(UUID.randomUUID()), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void webhooksAreSignedRetriedWithBackoffAndTheirOutcomesVisible() throws Exception {
        Place city = place("Providence", NY);
        List<String[]> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        StubServer receiver = StubServer.start().on("POST", "/hook", r -> {
            received.add(new String[]{r.header(WebhookSignature.HEADER), r.text()});
            return StubServer.Answer.empty(calls.incrementAndGet() == 1 ? 500 : 204);
        });
        try {
            TestHttp.Response registered = http.post("/api/notifications/webhooks", TOKENS.official(city.id()),
                    Map.of("url", receiver.url() + "/hook"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String secret = (String) registered.json().get("secret");
            String hook = (String) registered.json().get("id");
            assertThat(registered.json()).containsEntry("jurisdictionId", city.id().toString());
            assertThat(http.get("/api/notifications/webhooks", TOKENS.official(city.id())).body()).contains(hook).doesNotContain(secret);
            assertThat(http.post("/api/notifications/webhooks", TOKENS.official(city.id()),
                    Map.of("url", "http://127.0.0.1:9/x", "jurisdictionId", UUID.randomUUID().toString())).status()).isEqualTo(403);

            UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2031, 12, 20), LocalTime.of(23, 59));
            run(Instant.parse("2031-12-10T00:00:00Z"));
            run(Instant.parse("2031-12-13T14:00:30Z"));   // 09:00 EST, 7 days before
            assertThat(received).hasSize(1);
            TestHttp.Response failed = http.get("/api/notifications/webhooks/" + hook + "/deliveries", TOKENS.official(city.id()));
            assertThat(failed.body()).contains("\"status\":\"FAILED\"").contains("HTTP 500");
            run(Instant.parse("2031-12-13T14:02:00Z"));   // after the first backoff (at most 30 s)
            assertThat(received).hasSize(2);
            String[] delivered = received.get(1);
            long t = Long.parseLong(delivered[0].split(",")[0].substring(2));
            assertThat(delivered[0]).isEqualTo(WebhookSignature.header(secret, t, delivered[1]));
            assertThat(delivered[0]).endsWith(WebhookSignature.hmac(secret, t + "." + delivered[1]));
            assertThat(delivered[1]).contains(requirement.toString()).contains("\"offsetDays\":7");
            TestHttp.Response outcome = http.get("/api/notifications/webhooks/" + hook + "/deliveries", TOKENS.official(city.id()));
            assertThat(outcome.body()).contains("\"status\":\"SENT\"").contains("\"attempts\":2");
            assertThat(http.get("/api/notifications/webhooks/" + hook + "/deliveries", TOKENS.official(UUID.randomUUID())).status()).isEqualTo(404);
            run(Instant.parse("2031-12-13T15:00:00Z"));
            assertThat(received).as("sent once").hasSize(2);
        } finally {
            receiver.close();
        }
    }

    @Test
    void aCalendarFeedIsValidPrivateToItsJurisdictionReachableWithoutATokenAndRevocable() throws Exception {
        Place city = place("Milwaukee", "America/Chicago");
        Place other = place("Miami Beach", NY);
        UUID mine = grants.requirement(city.id(), "America/Chicago", LocalDate.of(2032, 1, 20), LocalTime.of(23, 59));
        UUID theirs = grants.requirement(other.id(), NY, LocalDate.of(2032, 1, 21), LocalTime.of(23, 59));
        run(Instant.parse("2032-01-05T00:00:00Z"));
        TestHttp.Response created = http.post("/api/calendar/feeds", TOKENS.legalOfficer(city.id()), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = (String) created.json().get("url");
        assertThat(url).startsWith("https://grantline.test/api/calendar/ics/");
        String path = url.substring("https://grantline.test".length());
        TestHttp.Response feed = http.get(path, null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar");
        ICalendar calendar = Biweekly.parse(feed.body()).first();
        assertThat(calendar.getEvents()).extracting(e -> e.getUid().getValue()).contains(mine + "@grantline").doesNotContain(theirs + "@grantline");
        VEvent event = calendar.getEvents().stream().filter(e -> e.getUid().getValue().startsWith(mine.toString())).findFirst().orElseThrow();
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2032-01-21T05:59:00Z"));
        assertThat(event.getAlarms()).hasSize(2);
        // No reminder has gone out yet (the first is due on 14 January), and still the event names the jurisdiction.
        assertThat(event.getSummary().getValue()).contains("(Milwaukee, MD)");
        assertThat(http.get("/api/calendar/ics/" + "x".repeat(43) + ".ics", null).status()).isEqualTo(404);
        assertThat(http.get("/api/calendar/feeds", null).status()).isEqualTo(401);
        String id = (String) created.json().get("id");
        assertThat(http.delete("/api/calendar/feeds/" + id, TOKENS.official(city.id())).status()).as("someone else's feed").isEqualTo(404);
        assertThat(http.delete("/api/calendar/feeds/" + id, TOKENS.legalOfficer(city.id())).status()).isEqualTo(204);
        assertThat(http.get(path, null).status()).isEqualTo(404);
        TestHttp.Response doj = http.post("/api/calendar/feeds", TOKENS.dojOfficer(), Map.of());
        String all = http.get(((String) doj.json().get("url")).substring("https://grantline.test".length()), null).body();
        assertThat(all).contains(mine.toString()).contains(theirs.toString()).contains("(Miami Beach\\, MD)");   // ICS text escapes the comma
    }

    @Test
    void perProgramOffsetsAndSendTimeApplyToItsRequirements() {
        UUID program = grants.programId;
        assertThat(http.put("/api/reminders/programs/" + program + "/settings", TOKENS.official(UUID.randomUUID()),
                Map.of("offsetsDays", List.of(5), "overdueDays", List.of(2), "sendTime", "08:30")).status()).isEqualTo(403);
        assertThat(http.put("/api/reminders/programs/" + program + "/settings", TOKENS.dojOfficer(),
                Map.of("offsetsDays", List.of(-5), "overdueDays", List.of(2), "sendTime", "08:30")).status()).isEqualTo(400);
        TestHttp.Response put = http.put("/api/reminders/programs/" + program + "/settings", TOKENS.dojOfficer(),
                Map.of("offsetsDays", List.of(5, 0), "overdueDays", List.of(2), "sendTime", "08:30"));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        try {
            Place city = place("Honolulu", "Pacific/Honolulu");
            UUID requirement = grants.requirement(city.id(), "Pacific/Honolulu", LocalDate.of(2032, 2, 20), LocalTime.of(17, 0));
            run(Instant.parse("2032-02-01T00:00:00Z"));
            assertThat(schedule(requirement)).extracting(r -> r.get("offsetDays") + "@" + r.get("dueAt"))
                    .containsExactly("5@2032-02-15T18:30:00Z", "0@2032-02-20T18:30:00Z", "-2@2032-02-22T18:30:00Z");
        } finally {
            http.put("/api/reminders/programs/" + program + "/settings", TOKENS.admin(),
                    Map.of("offsetsDays", List.of(30, 14, 7, 3, 1, 0), "overdueDays", List.of(1, 7), "sendTime", "09:00"));
        }
    }

    @Test
    void runsAskedForAtTheSameMomentNeverRunSideBySide() {
        List<TestHttp.Response> answers = org.grantline.shared.test.Races.atOnce(
                () -> http.post("/api/reminders/run", TOKENS.admin(), Map.of()));
        List<TestHttp.Response> started = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(started).as(answers.toString()).isNotEmpty();
        answers.stream().filter(a -> a.status() != 202).forEach(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(409);
            assertThat(a.json().get("type").toString()).endsWith("run-in-progress");
        });
        // Each run that was started ran alone: none began before the one before it had finished.
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TestHttp.Response s : started) {
            runs.add(org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(50))
                    .until(() -> http.get(s.header("Location"), TOKENS.admin()).json(), r -> !"RUNNING".equals(r.get("status"))));
        }
        runs.sort(java.util.Comparator.comparing(r -> Instant.parse((String) r.get("startedAt"))));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Instant.parse((String) runs.get(i).get("startedAt")))
                    .as("run %s began while %s was running", runs.get(i).get("id"), runs.get(i - 1).get("id"))
                    .isAfterOrEqualTo(Instant.parse((String) runs.get(i - 1).get("finishedAt")));
        }
    }

    @Test
    void aRunAskedForOverHttpAnswers202AndIsFollowedToItsEndByAnyReaderWhileOthersAreRefused() {
        Place city = place("Frederick", NY);
        registry.contact(city.id(), "CHIEF_LEGAL_OFFICER", "counsel.frederick@city.test");
        grants.requirement(city.id(), NY, LocalDate.of(2032, 3, 10), LocalTime.of(17, 0));
        TestClock.set(Instant.parse("2032-03-09T15:00:00Z"));   // 10:00 EST: the 1-day reminder is due
        TestHttp.Response started = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json()).containsEntry("requestedBy", "test.admin").containsKeys("id", "startedAt", "emailsSent");
        assertThat(started.json().get("status")).isIn("RUNNING", "SUCCEEDED");
        String location = started.header("Location");
        assertThat(location).isEqualTo("/api/reminders/runs/" + started.json().get("id"));

        Map<String, Object> done = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> http.get(location, TOKENS.dojOfficer()).json(), r -> !"RUNNING".equals(r.get("status")));
        assertThat(done).containsEntry("status", "SUCCEEDED").containsEntry("requestedBy", "test.admin").containsEntry("error", null)
                .containsEntry("planned", true).containsEntry("emailsFailed", 0).containsKeys("finishedAt", "planningMillis",
                        "deliveryMillis", "sendingMillis", "remindersDue", "feedItems", "remindersPlanned");
        assertThat((Integer) done.get("emailsSent")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) done.get("feedItems")).isGreaterThanOrEqualTo(1);

        // Any reader may follow it and list runs (newest first); nobody else may start or read one.
        assertThat(http.get(location, TOKENS.auditor()).json()).containsEntry("status", "SUCCEEDED");
        assertThat(http.get(location, TOKENS.admin()).status()).isEqualTo(200);
        TestHttp.Response list = http.get("/api/reminders/runs?limit=5", TOKENS.auditor());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(((Map<?, ?>) list.jsonList().get(0)).get("id")).isEqualTo(started.json().get("id"));
        String official = TOKENS.official(city.id());
        String counsel = TOKENS.legalOfficer(city.id());
        for (String refused : new String[]{official, counsel}) {
            assertThat(http.post("/api/reminders/run", refused, Map.of()).status()).isEqualTo(403);
            assertThat(http.get(location, refused).status()).isEqualTo(403);
            assertThat(http.get("/api/reminders/runs", refused).status()).isEqualTo(403);
        }
        assertThat(http.post("/api/reminders/run", TOKENS.auditor(), Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/run", null, Map.of()).status()).isEqualTo(401);
        assertThat(http.get(location, null).status()).isEqualTo(401);
        assertThat(http.get("/api/reminders/runs", null).status()).isEqualTo(401);

        TestHttp.Response unknown = http.get("/api/reminders/runs/" + UUID.randomUUID(), TOKENS.auditor());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.body()).contains("urn:grantline:problem:not-found");
        assertThat(http.get("/api/reminders/runs/not-a-uuid", TOKENS.auditor()).status()).isEqualTo(400);

        // The request is in the audit trail, with who asked.
        TestHttp.Response trail = http.get("/api/reminders/audit?entityType=reminder-run&entityId=" + started.json().get("id"),
                TOKENS.auditor());
        assertThat(trail.body()).contains("reminders.run.requested").contains("admin").contains("reminders.run.finished");
    }

    @Test
    void aRunLeftRunningByAReplicaThatDiedIsMarkedFailedAbandoned() {
        UUID id = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(java.time.Duration.ofMinutes(10));
        tx.executeWrite(status -> {
            try (var ps = status.getConnection().prepareStatement("INSERT INTO reminder_run (id, status, requested_by, owner, "
                    + "heartbeat_at, started_at) VALUES (?, 'RUNNING', 'admin', 'a-replica-that-died', ?, ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, java.time.OffsetDateTime.ofInstant(longAgo, java.time.ZoneOffset.UTC));
                ps.setObject(3, java.time.OffsetDateTime.ofInstant(longAgo, java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
        Map<String, Object> run = http.get("/api/reminders/runs/" + id, TOKENS.auditor()).json();
        assertThat(run).containsEntry("status", "FAILED").containsKey("finishedAt");
        assertThat((String) run.get("error")).startsWith("abandoned");
    }

    @Test
    void aRunAskedForWhileTheOnlyRunIsDeadIsAccepted() {
        UUID dead = UUID.randomUUID();
        Instant silent = Instant.now().minus(java.time.Duration.ofSeconds(25));   // no heartbeat for 25 s: its replica died
        tx.executeWrite(status -> {
            try (var ps = status.getConnection().prepareStatement("INSERT INTO reminder_run (id, status, requested_by, owner, "
                    + "heartbeat_at, started_at) VALUES (?, 'RUNNING', 'admin', 'a-replica-killed-a-moment-ago', ?, ?)")) {
                ps.setObject(1, dead);
                ps.setObject(2, java.time.OffsetDateTime.ofInstant(silent, java.time.ZoneOffset.UTC));
                ps.setObject(3, java.time.OffsetDateTime.ofInstant(silent, java.time.ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return null;
        });
        TestHttp.Response started = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(http.get("/api/reminders/runs/" + dead, TOKENS.auditor()).json()).containsEntry("status", "FAILED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> http.get(started.header("Location"), TOKENS.admin()).json(), r -> !"RUNNING".equals(r.get("status")));
    }

    @Test
    void everyEndpointChecksTheCallersRole() {
        String official = TOKENS.official(UUID.randomUUID());
        assertThat(http.get("/api/reminders", official).status()).isEqualTo(403);
        assertThat(http.get("/api/reminders", TOKENS.dojOfficer()).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders", TOKENS.admin()).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders?status=NONSENSE", TOKENS.admin()).status()).isEqualTo(400);
        assertThat(http.get("/api/reminders/counts", official).status()).isEqualTo(403);
        assertThat(http.get("/api/reminders/counts", TOKENS.auditor()).json()).containsKeys("SENT", "DEAD", "PENDING");
        assertThat(http.post("/api/reminders/run", TOKENS.dojOfficer(), Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/run", TOKENS.auditor(), Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/run", official, Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/" + UUID.randomUUID() + "/retry", TOKENS.dojOfficer(), Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/" + UUID.randomUUID() + "/retry", TOKENS.admin(), Map.of()).status()).isEqualTo(404);
        assertThat(http.get("/api/reminders/programs/" + UUID.randomUUID() + "/settings", official).status()).isEqualTo(403);
        assertThat(http.post("/api/notifications/webhooks", TOKENS.auditor(), Map.of("url", "http://127.0.0.1:9/x")).status()).isEqualTo(403);
        assertThat(http.post("/api/calendar/feeds", TOKENS.service("grants"), Map.of()).status()).isEqualTo(403);
        assertThat(http.get("/api/reminders", null).status()).isEqualTo(401);
        assertThat(http.get("/api/notifications/unread-count", null).status()).isEqualTo(401);
        TestHttp.Response problem = http.get("/api/reminders", official);
        assertThat(problem.isProblem()).isTrue();
    }

}
