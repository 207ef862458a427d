package org.grantline.notifications.message;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.JurisdictionStub;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.grantline.notifications.delivery.ReminderRunner;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.UnsubscribeLinks;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversation messages announced by grants ({@code POST /internal/message-notices}): the other side's
 * inbox and one email per recipient, once per message however often (and however concurrently) it
 * is announced; only the grants service may announce; SMTP or the jurisdiction service down delays
 * the emails and loses none; a contact who declined MESSAGE notices is not emailed. Every answer of
 * the endpoint is checked against the published OpenAPI document.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageNoticeTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    static final String NY = "America/New_York";
    static final String PATH = "/internal/message-notices";
    final GrantsStub grants = new GrantsStub();
    final JurisdictionStub registry = new JurisdictionStub();
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    int smtpPort;

    {
        smtp.start();
        smtpPort = smtp.getSmtp().getPort();
    }

    @Inject
    EmbeddedServer server;
    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;
    @Inject
    MessageMailer mailer;
    @Inject
    ReminderRunner runner;
    TestHttp http;

    @Override
    public Map<String, String> getProperties() {
        return NotificationsTestSupport.properties(grants, registry, smtpPort);
    }

    @BeforeAll
    void start() {
        String published = new TestHttp(server.getURL().toString()).get("/openapi/notifications.yml", null).body();
        http = new TestHttp(server.getURL().toString(), OpenApiContract.of(published));
        NotificationsTestSupport.resetFeed(tx);
        TestClock.set(Instant.parse("2036-02-02T15:00:00Z"));
    }

    @AfterAll
    void stop() {
        smtp.stop();
        grants.close();
        registry.close();
    }

    record Place(UUID id, String manager, String counsel, String mayor) {
    }

    Place place(String name) {
        UUID id = registry.jurisdiction(name, "MD", NY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Place p = new Place(id, "manager." + tag + "@city.test", "counsel." + tag + "@city.test", "mayor." + tag + "@city.test");
        registry.contact(id, "GRANT_MANAGER", p.manager());
        registry.contact(id, "CHIEF_LEGAL_OFFICER", p.counsel());
        registry.contact(id, "CHIEF_EXECUTIVE", p.mayor());   // not a reminder role: not emailed
        return p;
    }

    static Map<String, Object> notice(UUID messageId, UUID requirement, UUID jurisdiction, boolean fromDoj) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("messageId", messageId.toString());
        n.put("subjectKind", "REQUIREMENT");
        n.put("subjectId", requirement.toString());
        n.put("jurisdictionId", jurisdiction.toString());
        n.put("subjectTitle", "Compliance with 8 U.S.C. 1373");
        n.put("authorName", fromDoj ? "Dana Officer" : "Jordan Official");
        n.put("authorRole", fromDoj ? "DOJ_OFFICER" : "JURISDICTION_OFFICIAL");
        n.put("fromDoj", fromDoj);
        n.put("excerpt", "Please attach the signed jail access policy.");
        n.put("path", "/#/requirements/" + requirement);
        n.put("documentCount", 2);
        n.put("postedAt", "2036-02-02T14:59:00Z");
        return n;
    }

    TestHttp.Response announce(Map<String, Object> body) {
        return http.post(PATH, TOKENS.service("grants"), body);
    }

    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
                found.add(m);
            }
        }
        return found;
    }

    static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        List<BodyPart> parts = new ArrayList<>();
        collect(content, parts);
        for (BodyPart p : parts) {
            if (p.getContentType().toLowerCase().startsWith("text/plain")) {
                try (InputStream in = p.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no text part");
    }

    static void collect(Object content, List<BodyPart> into) throws Exception {
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.getContent() instanceof Multipart) {
                    collect(p.getContent(), into);
                } else {
                    into.add(p);
                }
            }
        }
    }

    /** status, attempts, next_attempt_at of each email row of a message, by address. */
    Map<String, Object[]> emails(UUID messageId) {
        return tx.executeRead(status -> {
            Map<String, Object[]> rows = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT email, status, attempts, next_attempt_at FROM message_email WHERE message_id = ?")) {
                ps.setObject(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString("email"), new Object[]{rs.getString("status"), rs.getInt("attempts"),
                                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant()});
                    }
                }
            }
            return rows;
        });
    }

    /** Sends what is due (as the delivery loop does) and waits until no email of the message is left in flight. */
    void deliver(UUID messageId) {
        runner.deliver();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> emails(messageId).values().stream()
                .noneMatch(r -> r[0].equals("PENDING") && (int) r[1] == 0));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inbox(String token) {
        TestHttp.Response r = http.get("/api/notifications?size=100", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("items");
    }

    static List<Map<String, Object>> about(List<Map<String, Object>> items, UUID requirement) {
        return items.stream().filter(n -> requirement.toString().equals(n.get("requirementId"))).toList();
    }

    @Test
    void aDojMessageReachesTheJurisdictionsInboxAndEachEligibleContactByEmailOnce() throws Exception {
        Place city = place("Annapolis");
        Place other = place("Bowie");
        UUID requirement = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        TestHttp.Response r = announce(notice(messageId, requirement, city.id(), true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("created", true));
        deliver(messageId);

        for (String token : List.of(TOKENS.official(city.id()), TOKENS.legalOfficer(city.id()))) {
            List<Map<String, Object>> mine = about(inbox(token), requirement);
            assertThat(mine).singleElement().satisfies(n -> {
                assertThat(n.get("subject")).isEqualTo("New message from Dana Officer on Compliance with 8 U.S.C. 1373");
                assertThat((String) n.get("body")).contains("Please attach the signed jail access policy.").contains("2 documents attached");
                assertThat(n.get("link")).isEqualTo("https://grantline.test/#/requirements/" + requirement);
            });
        }
        assertThat(about(inbox(TOKENS.official(other.id())), requirement)).as("another jurisdiction").isEmpty();
        assertThat(about(inbox(TOKENS.dojOfficer()), requirement)).as("DOJ wrote it").isEmpty();

        for (String address : List.of(city.manager(), city.counsel())) {
            List<MimeMessage> mail = mailTo(address);
            assertThat(mail).as(address).hasSize(1);
            MimeMessage m = mail.get(0);
            assertThat(m.getSubject()).isEqualTo("New message from Dana Officer on Compliance with 8 U.S.C. 1373");
            assertThat(text(m)).contains("https://grantline.test/#/requirements/" + requirement)
                    .contains("Please attach the signed jail access policy.").contains("2 documents attached");
            assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
            assertThat(m.getHeader("List-Unsubscribe")[0])
                    .matches("<https://grantline\\.test/api/notifications/links/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+/unsubscribe>");
            assertThat(m.getHeader("Message-ID")[0]).matches("<message\\.[0-9a-f-]{36}@grantline\\.notifications>");
        }
        assertThat(mailTo(city.mayor())).as("not a reminder role").isEmpty();
        assertThat(emails(messageId).values()).hasSize(2).allSatisfy(row -> assertThat(row[0]).isEqualTo("SENT"));
        assertThat(http.get("/api/reminders/audit?entityType=message_notice&entityId=" + messageId, TOKENS.auditor()).body())
                .contains("message-notice.received");
    }

    @Test
    void theSameMessageAnnouncedAgainOrFourTimesAtOnceIsOneNoticeAndOneEmailPerContact() throws Exception {
        Place city = place("Cambridge");
        UUID requirement = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        assertThat(announce(notice(first, requirement, city.id(), true)).json()).containsEntry("created", true);
        TestHttp.Response again = announce(notice(first, requirement, city.id(), true));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(Map.of("created", false));
        deliver(first);

        UUID raced = UUID.randomUUID();
        UUID racedRequirement = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<TestHttp.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> announce(notice(raced, racedRequirement, city.id(), true)));
        }
        List<Boolean> created = new ArrayList<>();
        try {
            for (Future<TestHttp.Response> f : pool.invokeAll(calls)) {
                TestHttp.Response r = f.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                created.add((Boolean) r.json().get("created"));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(created).containsExactlyInAnyOrder(true, false, false, false);
        deliver(raced);
        runner.deliver();   // one more pass sends nothing again

        assertThat(about(inbox(TOKENS.official(city.id())), requirement)).hasSize(1);
        assertThat(about(inbox(TOKENS.official(city.id())), racedRequirement)).hasSize(1);
        for (String address : List.of(city.manager(), city.counsel())) {
            List<MimeMessage> mail = mailTo(address);
            assertThat(mail).as(address).hasSize(2);
            assertThat(mail).extracting(m -> m.getHeader("X-GrantLine-Message")[0])
                    .containsExactlyInAnyOrder(first.toString(), raced.toString());
        }
    }

    @Test
    void aJurisdictionsMessageGoesToDojsInboxAndTheDojOfficerNotToTheJurisdiction() throws Exception {
        Place city = place("Frederick");
        UUID requirement = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        int before = mailTo("doj.officer@doj.test").size();
        TestHttp.Response r = announce(notice(messageId, requirement, city.id(), false));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        deliver(messageId);

        assertThat(about(inbox(TOKENS.dojOfficer()), requirement)).singleElement().satisfies(n ->
                assertThat(n.get("subject")).isEqualTo("New message from Jordan Official on Compliance with 8 U.S.C. 1373"));
        assertThat(about(inbox(TOKENS.official(city.id())), requirement)).as("they wrote it").isEmpty();
        List<MimeMessage> doj = mailTo("doj.officer@doj.test");
        assertThat(doj).hasSize(before + 1);
        assertThat(text(doj.get(doj.size() - 1))).contains("https://grantline.test/#/requirements/" + requirement);
        assertThat(mailTo(city.manager())).isEmpty();
        assertThat(mailTo(city.counsel())).isEmpty();
    }

    @Test
    void onlyTheGrantsServiceAnnouncesAndABadBodyIs400() {
        Place city = place("Salisbury");
        Map<String, Object> body = notice(UUID.randomUUID(), UUID.randomUUID(), city.id(), true);
        for (String token : List.of(TOKENS.admin(), TOKENS.dojOfficer(), TOKENS.auditor(), TOKENS.official(city.id()),
                TOKENS.service("documents"), TOKENS.service("gateway"))) {
            TestHttp.Response r = http.post(PATH, token, body);
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(http.post(PATH, null, body).status()).isEqualTo(401);

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("messageId", null);
        bad.put("subjectKind", "LETTER");
        bad.put("subjectTitle", "x".repeat(301));
        bad.put("authorName", "x".repeat(201));
        bad.put("authorRole", "x".repeat(41));
        bad.put("excerpt", "x".repeat(501));
        bad.put("path", "https://evil.example/");
        bad.put("documentCount", -1);
        for (Map.Entry<String, Object> e : bad.entrySet()) {
            Map<String, Object> wrong = new HashMap<>(body);
            wrong.put(e.getKey(), e.getValue());
            TestHttp.Response r = announce(wrong);
            assertThat(r.status()).as(e.getKey() + ": " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
            if (!e.getKey().equals("subjectKind")) {
                assertThat(r.body()).as(e.getKey()).contains(e.getKey());
            }
        }
        for (String missing : List.of("subjectId", "jurisdictionId", "fromDoj", "postedAt", "path", "excerpt")) {
            Map<String, Object> without = new HashMap<>(body);
            without.remove(missing);
            TestHttp.Response r = announce(without);
            assertThat(r.status()).as(missing + ": " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
        }
        Map<String, Object> longPath = new HashMap<>(body);
        longPath.put("path", "/#/" + "a".repeat(198));
        assertThat(announce(longPath).status()).isEqualTo(400);
        assertThat(emails(UUID.fromString((String) body.get("messageId")))).as("nothing was stored").isEmpty();
    }

    @Test
    void smtpDownLeavesTheEmailPendingWithBackoffAndItIsSentOnceSmtpIsBack() throws Exception {
        Place city = place("Hagerstown");
        UUID requirement = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        Instant now = TestClock.now();
        smtp.stop();
        try {
            TestHttp.Response r = announce(notice(messageId, requirement, city.id(), true));
            assertThat(r.status()).as("SMTP down does not stop the intake: " + r).isEqualTo(200);
            runner.deliver();
            await().atMost(Duration.ofSeconds(20)).until(() -> emails(messageId).values().stream().allMatch(row -> (int) row[1] >= 1));
            assertThat(emails(messageId).values()).hasSize(2).allSatisfy(row -> {
                assertThat(row[0]).isEqualTo("PENDING");
                assertThat((Instant) row[2]).as("backoff").isAfter(now.plusSeconds(10));
            });
            assertThat(about(inbox(TOKENS.official(city.id())), requirement)).as("the inbox does not wait for mail").hasSize(1);
        } finally {
            smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
            smtp.start();
        }
        runner.deliver();
        assertThat(mailTo(city.manager())).as("nothing before the backoff has passed").isEmpty();
        TestClock.set(now.plus(Duration.ofMinutes(2)));
        try {
            runner.deliver();
            runner.deliver();
            assertThat(mailTo(city.manager())).hasSize(1);
            assertThat(mailTo(city.counsel())).hasSize(1);
            assertThat(emails(messageId).values()).allSatisfy(row -> assertThat(row[0]).isEqualTo("SENT"));
        } finally {
            TestClock.set(now);
        }
    }

    @Test
    void theJurisdictionServiceDownStoresTheNoticeAndTheMailerEmailsItsContactsLater() throws Exception {
        Place city = place("Easton");
        UUID requirement = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        registry.down(true);
        try {
            TestHttp.Response r = announce(notice(messageId, requirement, city.id(), true));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json()).containsEntry("created", true);
            runner.deliver();
            assertThat(emails(messageId)).isEmpty();
            assertThat(about(inbox(TOKENS.official(city.id())), requirement)).hasSize(1);
        } finally {
            registry.down(false);
        }
        Instant now = TestClock.now();
        TestClock.set(now.plus(Duration.ofMinutes(2)));   // past the backoff of the failed reading
        try {
            runner.deliver();
            deliver(messageId);
            assertThat(mailTo(city.manager())).hasSize(1);
            assertThat(mailTo(city.counsel())).hasSize(1);
            assertThat(mailTo(city.mayor())).isEmpty();
            assertThat(announce(notice(messageId, requirement, city.id(), true)).json()).containsEntry("created", false);
        } finally {
            TestClock.set(now);
        }
    }

    @Test
    void aContactWhoDeclinedMessageNoticesGetsNoEmailTheOtherOneDoes() throws Exception {
        Place city = place("Cumberland");
        String token = links.token(city.counsel(), EnumSet.of(NoticeKind.MESSAGE));
        TestHttp.Response out = http.send("POST", UnsubscribeLinks.PATH + token + "/unsubscribe", null, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        UUID messageId = UUID.randomUUID();
        assertThat(announce(notice(messageId, UUID.randomUUID(), city.id(), true)).status()).isEqualTo(200);
        deliver(messageId);
        assertThat(mailTo(city.manager())).hasSize(1);
        assertThat(mailTo(city.counsel())).as("declined MESSAGE").isEmpty();
        assertThat(emails(messageId)).containsOnlyKeys(city.manager());

        // A signed-in official who declines MESSAGE no longer sees these notices in their inbox; their colleague still does.
        UUID requirement = UUID.randomUUID();
        assertThat(announce(notice(UUID.randomUUID(), requirement, city.id(), true)).status()).isEqualTo(200);
        String official = TOKENS.official(city.id());
        assertThat(about(inbox(official), requirement)).hasSize(1);
        TestHttp.Response put = http.put("/api/notifications/preferences/me", official, Map.of("declined", List.of("MESSAGE")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(about(inbox(official), requirement)).isEmpty();
        assertThat(about(inbox(TOKENS.legalOfficer(city.id())), requirement)).hasSize(1);
        runner.deliver();
    }

    void decline(String email, NoticeKind... kinds) {
        String token = links.token(email, EnumSet.copyOf(List.of(kinds)));
        TestHttp.Response out = http.send("POST", UnsubscribeLinks.PATH + token + "/unsubscribe", null, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
    }

    static Map<String, Object> demandNotice(UUID messageId, UUID jurisdiction, String kind) {
        Map<String, Object> n = notice(messageId, UUID.randomUUID(), jurisdiction, true);
        UUID demand = UUID.randomUUID();
        n.put("subjectKind", "DEMAND");
        n.put("subjectId", demand.toString());
        n.put("path", "/#/demands/" + demand);
        n.put("authorName", "GrantLine");
        n.put("authorRole", "SYSTEM");
        n.put("noticeKind", kind);
        return n;
    }

    /**
     * A demand's reminder (posted by grants on the demand's thread) is chosen as a certification's
     * reminder is, not as a message: declining messages does not stop it, declining reminders does, and
     * it carries a one-click unsubscribe of reminders; an escalation reaches even those who declined
     * everything they may decline, with no unsubscribe.
     */
    @Test
    void aDemandsReminderIsChosenAsAReminderAndItsEscalationCannotBeDeclined() throws Exception {
        Place city = place("Frederick");
        decline(city.manager(), NoticeKind.MESSAGE);
        decline(city.counsel(), NoticeKind.REMINDER);
        UUID reminder = UUID.randomUUID();
        assertThat(announce(demandNotice(reminder, city.id(), "REMINDER")).status()).isEqualTo(200);
        deliver(reminder);
        assertThat(emails(reminder)).as("declined messages, not reminders: emailed; declined reminders: not")
                .containsOnlyKeys(city.manager());
        MimeMessage sent = mailTo(city.manager()).get(0);
        assertThat(sent.getHeader("List-Unsubscribe")).as("a reminder may be declined").isNotNull();

        decline(city.manager(), NoticeKind.MESSAGE, NoticeKind.REMINDER, NoticeKind.OVERDUE, NoticeKind.DUE_TODAY);
        decline(city.counsel(), NoticeKind.MESSAGE, NoticeKind.REMINDER, NoticeKind.OVERDUE, NoticeKind.DUE_TODAY);
        UUID escalation = UUID.randomUUID();
        assertThat(announce(demandNotice(escalation, city.id(), "ESCALATION")).status()).isEqualTo(200);
        deliver(escalation);
        assertThat(emails(escalation)).containsOnlyKeys(city.manager(), city.counsel());
        for (String to : List.of(city.manager(), city.counsel())) {
            MimeMessage m = mailTo(to).stream().filter(x -> {
                try {
                    return escalation.toString().equals(x.getHeader("X-GrantLine-Message", null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElseThrow();
            assertThat(m.getHeader("List-Unsubscribe")).as("an escalation cannot be declined").isNull();
        }
        List<String> inboxKinds = tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT notice_kind FROM notification WHERE subject LIKE ? ORDER BY created_at")) {
                ps.setString(1, "%Compliance with 8 U.S.C. 1373%");
                List<String> kinds = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kinds.add(rs.getString(1));
                    }
                }
                return kinds;
            }
        });
        assertThat(inboxKinds).as("the inbox notices keep their kind").contains("REMINDER", "ESCALATION");
    }

    @Test
    void aRunAskedForOverHttpCountsTheMessageEmailsItSent() throws Exception {
        Place city = place("Westminster");
        UUID messageId = UUID.randomUUID();
        registry.down(true);   // no recipients at intake, so nothing is sent right away: the run sends them
        try {
            assertThat(announce(notice(messageId, UUID.randomUUID(), city.id(), true)).status()).isEqualTo(200);
        } finally {
            registry.down(false);
        }
        Instant now = TestClock.now();
        TestClock.set(now.plus(Duration.ofMinutes(2)));   // past the backoff of the failed reading
        try {
            TestHttp.Response started = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String location = started.header("Location");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !"RUNNING".equals(http.get(location, TOKENS.auditor()).json().get("status")));
            Map<String, Object> run = http.get(location, TOKENS.auditor()).json();
            assertThat(run).as(run.toString()).containsEntry("status", "SUCCEEDED");
            assertThat(emails(messageId).values()).hasSize(2).allSatisfy(row -> assertThat(row[0]).isEqualTo("SENT"));
            assertThat(((Number) run.get("messageEmailsSent")).intValue()).as(run.toString()).isGreaterThanOrEqualTo(2);
            assertThat(mailTo(city.manager())).hasSize(1);
        } finally {
            TestClock.set(now);
        }
    }

    @Inject
    UnsubscribeLinks links;
}
