package org.grantline.notifications.preference;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people receive (issue 13): the one-click unsubscribe of RFC 8058 on notices a recipient may
 * decline and none on mandatory escalations, the signed link (GET changes nothing, POST unsubscribes,
 * tampered or expired refused), a declined kind no longer sent while mandatory escalations still are,
 * the digest hour, and the auditor who reads but changes nothing. Stand-ins for grants, the registry
 * and the gateway over HTTP, GreenMail as the SMTP server, a clock the test moves.
 */
class PreferencesAndUnsubscribeTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;
    @Inject
    UnsubscribeLinks links;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.notifications.owner-check-ttl", "0s");   // every feed read asks the gateway
    }

    @BeforeAll
    void start() {
        NotificationsTestSupport.resetFeed(tx);
    }

    record Place(UUID id, String manager, String chief) {
    }

    Place place(String name) {
        UUID id = registry.jurisdiction(name, "MD", NY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Place p = new Place(id, "manager." + tag + "@city.test", "mayor." + tag + "@city.test");
        registry.contact(id, "GRANT_MANAGER", p.manager());
        registry.contact(id, "CHIEF_EXECUTIVE", p.chief());
        return p;
    }

    void run(Instant now) {
        TestClock.set(now);
        TestHttp.Response r = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String location = r.header("Location");
        Map<String, Object> run = r.json();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ("RUNNING".equals(run.get("status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            run = http.get(location, TOKENS.auditor()).json();
        }
        assertThat(run).as("the run at " + now).containsEntry("status", "SUCCEEDED");
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

    static String text(MimeMessage m) throws Exception {
        for (BodyPart p : parts(m.getContent())) {
            if (p.getContentType().toLowerCase().startsWith("text/plain")) {
                try (InputStream in = p.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no text part");
    }

    static List<BodyPart> parts(Object content) throws Exception {
        List<BodyPart> all = new ArrayList<>();
        if (content instanceof Multipart mp) {
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

    static String path(String url) {
        assertThat(url).startsWith("https://grantline.test/");
        return url.substring("https://grantline.test".length());
    }

    static TestHttp.Response oneClick(TestHttp http, String path) {
        // What a mail provider sends (RFC 8058 §3.2): no cookie, no token, this body.
        return http.send("POST", path, null, "List-Unsubscribe=One-Click", Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    @Test
    void aDeclinableReminderCarriesOneClickUnsubscribeWhoseGetChangesNothingAndWhosePostStopsThatKindButNotMandatoryEscalations()
            throws Exception {
        Place city = place("Annapolis");
        UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2033, 3, 10), LocalTime.of(23, 59));
        run(Instant.parse("2033-03-01T00:00:00Z"));
        run(Instant.parse("2033-03-03T14:00:05Z"));   // 09:00 EST, 7 days before
        List<MimeMessage> mail = mailTo(city.manager());
        assertThat(mail).hasSize(1);
        MimeMessage m = mail.get(0);
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String header = m.getHeader("List-Unsubscribe")[0];
        assertThat(header).matches("<https://grantline\\.test/api/notifications/links/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/unsubscribe>");
        String url = header.substring(1, header.length() - 1);
        String token = url.substring(url.indexOf("/links/") + "/links/".length(), url.lastIndexOf("/unsubscribe"));
        // People get the web app's page, as for every link in an email body: never an /api/ URL there.
        assertThat(text(m)).contains("https://grantline.test/#/email-choices/" + token).doesNotContain("/api/");
        String unsubscribe = path(url);
        String preferences = unsubscribe.replace("/unsubscribe", "/preferences");

        // A GET (a mail scanner following the link) shows a page with a button and changes nothing.
        TestHttp.Response page = http.get(unsubscribe, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<form method=\"post\">").contains("<button type=\"submit\">Unsubscribe</button>")
                .contains(city.manager());
        assertThat(http.get(preferences, null).json().get("declined")).isEqualTo(List.of());
        assertThat(http.get("/api/reminders/audit?entityType=notification_preference", TOKENS.auditor()).body())
                .doesNotContain("contact:" + city.manager());

        // The one-click POST, anonymous: recorded and audited.
        TestHttp.Response done = oneClick(http, unsubscribe);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(http.get(preferences, null).json().get("declined")).isEqualTo(List.of("REMINDER"));
        assertThat(oneClick(http, unsubscribe).status()).as("a second click").isEqualTo(200);
        assertThat(http.get("/api/reminders/audit?entityType=notification_preference", TOKENS.auditor()).body())
                .contains("notification-preference.unsubscribed").contains("contact:" + city.manager());

        run(Instant.parse("2033-03-07T14:00:05Z"));   // 3 days before: declined
        assertThat(mailTo(city.manager())).hasSize(1);
        run(Instant.parse("2033-03-10T14:00:05Z"));   // the day itself: another kind, not declined
        assertThat(mailTo(city.manager())).hasSize(2);
        assertThat(mailTo(city.manager()).get(1).getSubject()).contains("due today");

        // Mandatory escalations cannot be declined, and still come: without List-Unsubscribe, saying why.
        TestHttp.Response refused = http.put(preferences, null, Map.of("declined", List.of("REMINDER", "ESCALATION")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body()).contains("urn:grantline:problem:mandatory-notice");
        run(Instant.parse("2033-03-11T14:00:05Z"));   // 1 day overdue: an escalation the program makes mandatory
        assertThat(mailTo(city.manager())).hasSize(3);
        MimeMessage escalation = mailTo(city.manager()).get(2);
        assertThat(escalation.getSubject()).startsWith("Overdue: ");
        assertThat(escalation.getHeader("List-Unsubscribe")).isNull();
        assertThat(escalation.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(escalation.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(text(escalation)).contains("The program makes this overdue notice mandatory: it cannot be unsubscribed.");
        assertThat(mailTo(city.chief())).hasSize(1);
        assertThat(mailTo(city.chief()).get(0).getHeader("List-Unsubscribe")).isNull();
        assertThat(text(mail.get(0))).contains(requirement.toString());
    }

    @Test
    void anOverdueNoticeOfAProgramThatLeavesItOptionalCarriesUnsubscribeAndCanBeDeclined() throws Exception {
        String settings = "/api/reminders/programs/" + grants.programId + "/settings";
        Map<String, Object> optional = new HashMap<>(Map.of("offsetsDays", List.of(30, 14, 7, 3, 1, 0), "overdueDays", List.of(1, 7),
                "sendTime", "09:00:00", "escalationsMandatory", false));
        TestHttp.Response put = http.put(settings, TOKENS.dojOfficer(), optional);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json()).containsEntry("escalationsMandatory", false);
        try {
            Place city = place("Easton");
            grants.requirement(city.id(), NY, LocalDate.of(2034, 3, 20), LocalTime.of(23, 59));
            run(Instant.parse("2034-03-20T00:00:00Z"));
            run(Instant.parse("2034-03-21T13:00:05Z"));   // 09:00 EDT, 1 day overdue
            MimeMessage overdue = mailTo(city.chief()).get(0);
            assertThat(overdue.getSubject()).startsWith("Overdue: ");
            String header = overdue.getHeader("List-Unsubscribe")[0];
            assertThat(text(overdue)).doesNotContain("mandatory");
            assertThat(oneClick(http, path(header.substring(1, header.length() - 1))).status()).isEqualTo(200);
            String token = header.substring(header.indexOf("/links/") + 7, header.lastIndexOf("/unsubscribe"));
            assertThat(http.get("/api/notifications/links/" + token + "/preferences", null).json().get("declined")).isEqualTo(List.of("OVERDUE"));
            int managers = mailTo(city.manager()).size();
            run(Instant.parse("2034-03-27T13:00:05Z"));   // 7 days overdue: declined
            assertThat(mailTo(city.chief())).hasSize(1);
            assertThat(mailTo(city.manager())).as("the other recipient did not decline").hasSize(managers + 1);
        } finally {
            optional.put("escalationsMandatory", true);
            assertThat(http.put(settings, TOKENS.dojOfficer(), optional).status()).isEqualTo(200);
        }
    }

    @Test
    void aTamperedOrExpiredLinkIsRefusedAndChangesNothing() {
        String email = "tamper." + UUID.randomUUID().toString().substring(0, 8) + "@city.test";
        TestClock.set(Instant.parse("2033-05-01T00:00:00Z"));
        String token = links.token(email, EnumSet.of(NoticeKind.REMINDER));
        assertThat(http.get("/api/notifications/links/" + token + "/preferences", null).status()).isEqualTo(200);

        String other = links.token("someone.else@city.test", EnumSet.of(NoticeKind.REMINDER));
        String swapped = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));   // another address, this signature
        char c = token.charAt(5);
        String flipped = token.substring(0, 5) + (c == 'A' ? 'B' : 'A') + token.substring(6);
        for (String bad : List.of(swapped, flipped, token + "x", "nodot", token.substring(0, token.indexOf('.')) + ".")) {
            for (TestHttp.Response r : List.of(oneClick(http, "/api/notifications/links/" + bad + "/unsubscribe"),
                    http.get("/api/notifications/links/" + bad + "/unsubscribe", null),
                    http.get("/api/notifications/links/" + bad + "/preferences", null))) {
                assertThat(r.status()).as(bad + " " + r).isEqualTo(403);
                assertThat(r.isProblem()).isTrue();
                assertThat(r.body()).contains("urn:grantline:problem:link-invalid");
            }
        }
        TestClock.set(Instant.parse("2033-05-01T00:00:00Z").plus(java.time.Duration.ofDays(91)));
        TestHttp.Response expired = oneClick(http, "/api/notifications/links/" + token + "/unsubscribe");
        assertThat(expired.status()).as(expired.toString()).isEqualTo(410);
        assertThat(expired.body()).contains("urn:grantline:problem:link-expired");
        TestClock.set(Instant.parse("2033-05-01T00:00:00Z"));
        assertThat(http.get("/api/notifications/links/" + token + "/preferences", null).json().get("declined")).isEqualTo(List.of());
    }

    @Test
    void aUsersDigestGoesOutAtTheHourTheyChoseInTheJurisdictionsTime() throws Exception {
        Place city = place("Frederick");
        String username = "test.official." + city.id();
        Map<String, Object> user = GrantsStub.user(username, true, "JURISDICTION_OFFICIAL", city.id());
        user.put("email", city.manager().toUpperCase());   // the address the gateway holds for them (any case)
        grants.users.put(username, user);
        try {
            TestHttp.Response put = http.put("/api/notifications/preferences/me", TOKENS.official(city.id()),
                    Map.of("declined", List.of(), "digestHour", 15));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.json()).containsEntry("digestHour", 15).containsEntry("subject", username);
            assertThat(http.get("/api/notifications/preferences/me", TOKENS.official(city.id())).json()).containsEntry("digestHour", 15);

            UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2033, 7, 20), LocalTime.of(23, 59));
            run(Instant.parse("2033-07-10T00:00:00Z"));
            run(Instant.parse("2033-07-13T13:00:05Z"));   // 09:00 EDT, 7 days before: due, but the digest waits for 15:00
            assertThat(mailTo(city.manager())).isEmpty();
            run(Instant.parse("2033-07-13T18:59:00Z"));   // 14:59 EDT
            assertThat(mailTo(city.manager())).isEmpty();
            run(Instant.parse("2033-07-13T19:00:05Z"));   // 15:00 EDT
            assertThat(mailTo(city.manager())).hasSize(1);
            assertThat(text(mailTo(city.manager()).get(0))).contains(requirement.toString());
            assertThat(mailTo(city.chief())).isEmpty();
        } finally {
            grants.users.remove(username);
        }
    }

    @Test
    void aUsersDeclinedKindLeavesTheirInboxButMandatoryEscalationsStay() throws Exception {
        Place city = place("Hagerstown");
        String token = TOKENS.official(city.id());
        UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2033, 9, 20), LocalTime.of(23, 59));
        run(Instant.parse("2033-09-12T00:00:00Z"));
        run(Instant.parse("2033-09-13T13:00:05Z"));   // 7 days before
        run(Instant.parse("2033-09-21T13:00:05Z"));   // 1 day overdue
        assertThat(http.get("/api/notifications", token).body()).contains("due in 7 days").contains("1 day overdue");
        TestHttp.Response put = http.put("/api/notifications/preferences/me", token, Map.of("declined", List.of("REMINDER")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        String inbox = http.get("/api/notifications", token).body();
        assertThat(inbox).doesNotContain("due in 7 days").contains("1 day overdue").contains(requirement.toString());
        TestHttp.Response refused = http.put("/api/notifications/preferences/me", token,
                Map.of("declined", List.of("ESCALATION"), "version", put.json().get("version")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("urn:grantline:problem:mandatory-notice");
    }

    @Test
    void anAuditorReadsPreferencesButCannotChangeThem() {
        TestHttp.Response read = http.get("/api/notifications/preferences/me", TOKENS.auditor());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("kinds").toString()).contains("ESCALATION").contains("mandatory=true");
        TestHttp.Response write = http.put("/api/notifications/preferences/me", TOKENS.auditor(), Map.of("declined", List.of("REMINDER")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.isProblem()).isTrue();
        String token = links.token("auditor.contact@city.test", EnumSet.of(NoticeKind.REMINDER));
        TestHttp.Response viaLink = http.send("POST", "/api/notifications/links/" + token + "/unsubscribe", TOKENS.auditor(),
                "List-Unsubscribe=One-Click", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(viaLink.status()).isEqualTo(403);
        assertThat(http.get("/api/notifications/preferences/me", null).status()).isEqualTo(401);
        assertThat(http.put("/api/notifications/preferences/me", TOKENS.dojOfficer(), Map.of("declined", List.of("NOT_A_KIND"))).status())
                .isEqualTo(400);
        assertThat(http.put("/api/notifications/preferences/me", TOKENS.dojOfficer(), Map.of("declined", List.of(), "digestHour", 24))
                .status()).isEqualTo(400);
    }

    @Test
    void auditorsAndDojOfficersGetADerivedFeedUrlThatStopsWhenTheyAreDisabledOrTheirTokensRevoked() throws Exception {
        Place city = place("Salisbury");
        UUID requirement = grants.requirement(city.id(), NY, LocalDate.of(2033, 11, 20), LocalTime.of(23, 59));
        run(Instant.parse("2033-11-01T00:00:00Z"));
        for (String[] who : new String[][]{{"test.auditor", "AUDITOR"}, {"test.doj", "DOJ_OFFICER"}}) {
            String token = who[0].equals("test.auditor") ? TOKENS.auditor() : TOKENS.dojOfficer();
            TestHttp.Response made = http.get("/api/calendar/feed-url", token);
            assertThat(made.status()).as(made.toString()).isEqualTo(200);
            String feed = path((String) made.json().get("url"));
            assertThat(feed).startsWith("/api/calendar/ics/").endsWith(".ics");
            assertThat(http.get("/api/calendar/feed-url", token).json().get("url")).as("derived: the same each time").isEqualTo(made.json().get("url"));
            TestHttp.Response ics = http.get(feed, null);
            assertThat(ics.status()).isEqualTo(200);
            ICalendar calendar = Biweekly.parse(ics.body()).first();
            assertThat(calendar.getEvents()).extracting(e -> e.getUid().getValue()).contains(requirement + "@grantline");

            String tampered = feed.replace(".ics", "").substring(0, feed.length() - 8) + "AAAA.ics";
            assertThat(http.get(tampered, null).status()).isEqualTo(404);

            grants.users.put(who[0], GrantsStub.user(who[0], false, who[1], null));   // disabled at the gateway
            try {
                assertThat(http.get(feed, null).status()).isEqualTo(404);
                assertThat(http.get("/api/calendar/feed-url", token).status()).isEqualTo(403);
                Map<String, Object> revoked = GrantsStub.user(who[0], true, who[1], null);
                revoked.put("tokensValidAfter", "2033-11-01T00:00:00Z");   // enabled again, their tokens revoked meanwhile
                grants.users.put(who[0], revoked);
                assertThat(http.get(feed, null).status()).as("the old URL stays stopped").isEqualTo(404);
                String fresh = path((String) http.get("/api/calendar/feed-url", token).json().get("url"));
                assertThat(fresh).isNotEqualTo(feed);
                assertThat(http.get(fresh, null).status()).isEqualTo(200);
            } finally {
                grants.users.remove(who[0]);
            }
        }
    }

    @Test
    void anOfficialsDerivedFeedFollowsTheirJurisdiction() {
        Place first = place("Cumberland");
        Place second = place("Ocean City");
        UUID a = grants.requirement(first.id(), NY, LocalDate.of(2034, 1, 20), LocalTime.of(23, 59));
        UUID b = grants.requirement(second.id(), NY, LocalDate.of(2034, 1, 21), LocalTime.of(23, 59));
        run(Instant.parse("2034-01-05T00:00:00Z"));
        String feed = path((String) http.get("/api/calendar/feed-url", TOKENS.official(first.id())).json().get("url"));
        assertThat(http.get(feed, null).body()).contains(a.toString()).doesNotContain(b.toString());
        String username = "test.official." + first.id();
        grants.users.put(username, GrantsStub.user(username, true, "JURISDICTION_OFFICIAL", second.id()));
        try {
            assertThat(http.get(feed, null).body()).contains(b.toString()).doesNotContain(a.toString());
        } finally {
            grants.users.remove(username);
        }
    }
}
