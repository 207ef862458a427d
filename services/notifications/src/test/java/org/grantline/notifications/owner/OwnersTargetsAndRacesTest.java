package org.grantline.notifications.owner;

import biweekly.Biweekly;
import biweekly.ICalendar;
import jakarta.inject.Inject;
import org.grantline.notifications.GrantsStub;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.Races;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 at the notifications service itself, outside the embedded default: webhook targets
 * (https only, no internal address at registration or at connect time, owners see a status and no
 * exception), feeds and webhooks that live by who their owner is now (disabled: stopped; moved:
 * they follow), the first PUT of a program's settings raced eight ways, strict JSON and dates.
 */
class OwnersTargetsAndRacesTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.notifications.owner-check-ttl", "0s");   // every feed read and webhook post asks the gateway
        p.put("grantline.notifications.webhook-timeout", "1s");
        // Revocation is not under test here: on a loaded machine a 4 s stale copy would refuse the admin polling a run.
        p.put("grantline.revocations.max-staleness", "60s");
    }

    @BeforeAll
    void start() {
        NotificationsTestSupport.resetFeed(tx);
    }

    UUID city(String name) {
        UUID id = registry.jurisdiction(name, "MD", NY);
        registry.contact(id, "GRANT_MANAGER", "manager." + id + "@city.test");
        return id;
    }

    void run(Instant now) {
        TestClock.set(now);
        TestHttp.Response r = http.post("/api/reminders/run", TOKENS.admin(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String location = r.header("Location");
        Map<String, Object> run = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> http.get(location, TOKENS.admin()).json(), m -> !"RUNNING".equals(m.get("status")));
        assertThat(run).containsEntry("status", "SUCCEEDED");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> deliveries(String hook, String token) {
        TestHttp.Response r = http.get("/api/notifications/webhooks/" + hook + "/deliveries", token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) r.json().get("items");
    }

    /**
     * An API client (client credentials, subject {@code client:<name>}) has no account for Owners to
     * follow: its feed would answer 404 at once and its webhook would never be posted, so both are
     * refused with a clear 403 and nothing is stored; the same roles as a person are accepted.
     */
    @Test
    void anApiClientOwnsNeitherACalendarFeedNorAWebhook() {
        UUID city = city("Frederick");
        for (String client : List.of(TOKENS.token("client:records-system", List.of(Roles.JURISDICTION_OFFICIAL), city),
                TOKENS.token("client:doj-dashboard", List.of(Roles.DOJ_OFFICER), null))) {
            TestHttp.Response feed = http.post("/api/calendar/feeds", client, Map.of());
            assertThat(feed.status()).as(feed.toString()).isEqualTo(403);
            assertThat(feed.isProblem()).isTrue();
            assertThat(feed.body()).contains("API client");
            TestHttp.Response hook = http.post("/api/notifications/webhooks", client, Map.of("url", "https://93.184.215.14/hook"));
            assertThat(hook.status()).as(hook.toString()).isEqualTo(403);
            assertThat(hook.body()).contains("API client");
            TestHttp.Response feeds = http.get("/api/calendar/feeds", client);
            assertThat(feeds.status()).as(feeds.toString()).isEqualTo(200);
            assertThat(feeds.body()).isEqualTo("[]");
        }
        // A person with the same role and jurisdiction still may.
        assertThat(http.post("/api/calendar/feeds", TOKENS.official(city), Map.of()).status()).isEqualTo(201);
    }

    @Test
    void webhooksMustBeHttpsAndNeverPointInsideTheNetwork() {
        UUID city = city("Annapolis");
        String official = TOKENS.official(city);
        for (String url : List.of("http://example.com/hook", "ftp://example.com/hook", "https://127.0.0.1/hook",
                "https://localhost:8443/hook", "https://10.1.2.3/hook", "https://172.16.0.9/hook", "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data/", "https://[::1]/hook", "https://[fd00:ec2::254]/latest",
                "https://[::ffff:127.0.0.1]/hook", "https://0.0.0.0/hook", "https://user:pw@93.184.215.14/hook", "not a url")) {
            TestHttp.Response refused = http.post("/api/notifications/webhooks", official, Map.of("url", url));
            assertThat(refused.status()).as(url + " -> " + refused).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.body()).as(url).contains("url");
        }
        assertThat(http.get("/api/notifications/webhooks", official).jsonList()).as("nothing stored").isEmpty();
        TestHttp.Response ok = http.post("/api/notifications/webhooks", official, Map.of("url", "https://93.184.215.14/hook"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    }

    @Test
    void aNameThatResolvesInsideAtConnectTimeIsNotConnectedToAndTheOwnerSeesNoException() throws Exception {
        UUID city = city("Bowie");
        String official = TOKENS.official(city);
        try (ServerSocket inside = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread accepter = new Thread(() -> {
                while (!inside.isClosed()) {
                    try (Socket s = inside.accept()) {
                        connections.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            accepter.setDaemon(true);
            accepter.start();
            TestHttp.Response registered = http.post("/api/notifications/webhooks", official, Map.of("url", "https://93.184.215.14/hook"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String hook = (String) registered.json().get("id");
            // Later the name answers with an address inside: stood in for by a name that resolves to loopback.
            tx.executeWrite(status -> {
                try (var ps = status.getConnection().prepareStatement("UPDATE webhook SET url = ? WHERE id = ?")) {
                    ps.setString(1, "https://localhost:" + inside.getLocalPort() + "/hook");
                    ps.setObject(2, UUID.fromString(hook));
                    ps.executeUpdate();
                }
                return null;
            });
            grants.requirement(city, NY, LocalDate.of(2033, 5, 20), LocalTime.of(23, 59));
            run(Instant.parse("2033-05-10T00:00:00Z"));
            run(Instant.parse("2033-05-13T13:00:30Z"));   // 09:00 EDT, 7 days before
            List<Map<String, Object>> outcome = deliveries(hook, official);
            assertThat(outcome).hasSize(1);
            assertThat(connections.get()).as("connections to the inside address").isZero();
            assertThat(outcome.get(0)).containsEntry("status", "DEAD").containsEntry("lastError", "target refused");
        }
        // A receiver that does not answer: the owner sees "no answer", not the exception that would map the network.
        TestHttp.Response silent = http.post("/api/notifications/webhooks", official, Map.of("url", "https://192.0.2.10/hook"));
        String hook = (String) silent.json().get("id");
        grants.requirement(city, NY, LocalDate.of(2033, 6, 20), LocalTime.of(23, 59));
        run(Instant.parse("2033-06-10T00:00:00Z"));
        run(Instant.parse("2033-06-13T13:00:30Z"));
        TestHttp.Response page = http.get("/api/notifications/webhooks/" + hook + "/deliveries", official);
        assertThat(page.body()).contains("\"status\":\"FAILED\"").contains("no answer")
                .doesNotContain("Exception").doesNotContain("192.0.2.10");
    }

    @Test
    void aDisabledOwnersWebhookIsNotPostedAndAMovedOwnersWebhookFollowsThem() {
        UUID city = city("Hagerstown");
        UUID other = city("Salisbury");
        String username = "test.official." + city;
        String hook = (String) http.post("/api/notifications/webhooks", TOKENS.official(city), Map.of("url", "https://192.0.2.11/hook"))
                .json().get("id");
        grants.users.put(username, GrantsStub.user(username, false, "JURISDICTION_OFFICIAL", city));
        grants.requirement(city, NY, LocalDate.of(2033, 7, 20), LocalTime.of(23, 59));
        run(Instant.parse("2033-07-10T00:00:00Z"));
        run(Instant.parse("2033-07-13T13:00:30Z"));
        assertThat(deliveries(hook, TOKENS.admin())).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("status", "DEAD").containsEntry("lastError", "owner disabled");
            assertThat(d.get("attempts")).isEqualTo(1);
        });

        grants.users.put(username, GrantsStub.user(username, true, "JURISDICTION_OFFICIAL", other));
        grants.requirement(city, NY, LocalDate.of(2033, 8, 20), LocalTime.of(23, 59));
        run(Instant.parse("2033-08-10T00:00:00Z"));
        run(Instant.parse("2033-08-13T13:00:30Z"));
        List<Map<String, Object>> after = deliveries(hook, TOKENS.admin());
        assertThat(after).as("nothing posted: no receiver answers at 192.0.2.11, and none was tried")
                .allSatisfy(d -> assertThat(d).containsEntry("status", "DEAD").containsEntry("attempts", 1))
                .anySatisfy(d -> assertThat(d).containsEntry("lastError", "owner no longer in this jurisdiction"));
        assertThat(http.get("/api/notifications/webhooks", TOKENS.admin()).jsonList())
                .filteredOn(w -> hook.equals(((Map<?, ?>) w).get("id"))).singleElement()
                .satisfies(w -> assertThat(((Map<?, ?>) w).get("jurisdictionId")).isEqualTo(other.toString()));
        grants.users.remove(username);
    }

    @Test
    void aCalendarFeedFollowsItsOwnersJurisdictionAndStopsWhenTheOwnerIsDisabledOrGone() {
        UUID city = city("Cumberland");
        UUID other = city("Frostburg");
        UUID mine = grants.requirement(city, NY, LocalDate.of(2033, 9, 20), LocalTime.of(23, 59));
        UUID theirs = grants.requirement(other, NY, LocalDate.of(2033, 9, 21), LocalTime.of(23, 59));
        run(Instant.parse("2033-09-01T00:00:00Z"));
        String username = "test.counsel." + city;
        TestHttp.Response created = http.post("/api/calendar/feeds", TOKENS.legalOfficer(city), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String path = ((String) created.json().get("url")).substring("https://grantline.test".length());
        ICalendar before = Biweekly.parse(http.get(path, null).body()).first();
        assertThat(before.getEvents()).extracting(e -> e.getUid().getValue()).contains(mine + "@grantline").doesNotContain(theirs + "@grantline");

        grants.users.put(username, GrantsStub.user(username, true, "LEGAL_OFFICER", other));
        TestHttp.Response moved = http.get(path, null);
        assertThat(moved.status()).isEqualTo(200);
        assertThat(Biweekly.parse(moved.body()).first().getEvents()).extracting(e -> e.getUid().getValue())
                .contains(theirs + "@grantline").doesNotContain(mine + "@grantline");

        grants.users.put(username, GrantsStub.user(username, false, "LEGAL_OFFICER", other));
        TestHttp.Response disabled = http.get(path, null);
        assertThat(disabled.status()).isEqualTo(404);
        assertThat(disabled.body()).doesNotContain(theirs.toString()).doesNotContain(mine.toString());

        grants.users.put(username, GrantsStub.user(username, true, "LEGAL_OFFICER", city));
        assertThat(http.get(path, null).status()).as("enabled again").isEqualTo(200);
        String gone = "someone.deleted";
        grants.users.put(gone, GrantsStub.user(gone, true, "DOJ_OFFICER", null));
        TestHttp.Response doj = http.post("/api/calendar/feeds", TOKENS.token(gone, List.of("DOJ_OFFICER"), null), Map.of());
        String dojPath = ((String) doj.json().get("url")).substring("https://grantline.test".length());
        assertThat(http.get(dojPath, null).body()).contains(mine.toString()).contains(theirs.toString());
        grants.users.remove(gone);   // the gateway no longer knows them
        assertThat(http.get(dojPath, null).status()).isEqualTo(404);
        grants.users.remove(username);
    }

    @Test
    void aCalendarFeedListsEveryOpenRequirementHoweverOverdueAndEachEventEndsAfterItStarts() {
        UUID city = city("Westminster");
        UUID overdue = grants.requirement(city, NY, LocalDate.of(2034, 1, 10), LocalTime.of(23, 59));
        UUID done = grants.requirement(city, NY, LocalDate.of(2034, 1, 11), LocalTime.of(23, 59));
        UUID soon = grants.requirement(city, NY, LocalDate.of(2034, 3, 1), LocalTime.of(17, 0));
        run(Instant.parse("2034-01-05T00:00:00Z"));
        grants.status(done, "SUBMITTED");
        run(Instant.parse("2034-01-06T00:00:00Z"));
        TestHttp.Response created = http.post("/api/calendar/feeds", TOKENS.official(city), Map.of());
        String path = ((String) created.json().get("url")).substring("https://grantline.test".length());
        TestClock.set(Instant.parse("2034-02-25T00:00:00Z"));   // 46 days after the first deadline
        List<List<biweekly.io.ParseWarning>> warnings = new java.util.ArrayList<>();
        ICalendar calendar = Biweekly.parse(http.get(path, null).body()).warnings(warnings).first();
        assertThat(calendar.validate(biweekly.ICalVersion.V2_0).isEmpty()).as(calendar.validate(biweekly.ICalVersion.V2_0).toString()).isTrue();
        assertThat(calendar.getEvents()).extracting(e -> e.getUid().getValue())
                .contains(overdue + "@grantline", soon + "@grantline").doesNotContain(done + "@grantline");
        assertThat(calendar.getEvents()).allSatisfy(e ->
                assertThat(e.getDateEnd().getValue().toInstant()).isAfter(e.getDateStart().getValue().toInstant()));
        assertThat(warnings).allSatisfy(w -> assertThat(w).as("parse warnings").isEmpty());
    }

    @Test
    void eightIdenticalFirstPutsOfAProgramsSettingsNeverFailAndEightFromOneVersionChangeItOnce() {
        UUID program = UUID.randomUUID();
        String path = "/api/reminders/programs/" + program + "/settings";
        Map<String, Object> body = Map.of("offsetsDays", List.of(10, 2), "overdueDays", List.of(3), "sendTime", "08:00");
        List<TestHttp.Response> first = Races.atOnce(() -> http.put(path, TOKENS.dojOfficer(), body));
        Races.assertNoServerError(first, 200);
        first.stream().filter(a -> a.status() == 409).forEach(a -> assertThat(a.json().get("type").toString()).startsWith("urn:grantline:problem:"));
        Map<String, Object> made = http.get(path, TOKENS.auditor()).json();
        assertThat(made).containsEntry("defaults", false).containsEntry("sendTime", "08:00:00");

        Object version = made.get("version");
        Map<String, Object> replace = Map.of("offsetsDays", List.of(4), "overdueDays", List.of(3), "sendTime", "07:00", "version", version);
        TestHttp.Response winner = Races.assertOneWinner(Races.atOnce(() -> http.put(path, TOKENS.dojOfficer(), replace)), 200);
        assertThat(winner.json()).containsEntry("offsetsDays", List.of(4));
        assertThat(((Number) winner.json().get("version")).longValue()).isEqualTo(((Number) version).longValue() + 1);
        TestHttp.Response stale = http.put(path, TOKENS.dojOfficer(), replace);
        assertThat(stale.status()).as("a retry from the old version").isEqualTo(409);
        assertThat(stale.json()).containsEntry("type", "urn:grantline:problem:stale-version");
        TestHttp.Response none = http.put("/api/reminders/programs/" + UUID.randomUUID() + "/settings", TOKENS.dojOfficer(), replace);
        assertThat(none.status()).as("a version of settings never made").isEqualTo(409);
    }

    @Test
    void inputIsTakenLiterallyOrRefused() {
        String settings = "/api/reminders/programs/" + UUID.randomUUID() + "/settings";
        for (String body : List.of("{\"offsetsDays\":\"yes\",\"overdueDays\":[1],\"sendTime\":\"09:00\"}",
                "{\"offsetsDays\":[\"7\"],\"overdueDays\":[1],\"sendTime\":\"09:00\"}",
                "{\"offsetsDays\":[7],\"overdueDays\":[1],\"sendTime\":\"09:00\",\"sendTime\":\"10:00\"}",
                "{\"offsetsDays\":[7],\"overdueDays\":[1],\"sendTime\":\"09:00\"} trailing",
                "{\"offsetsDays\":[7],\"overdueDays\":[1],\"sendTime\":\"09:00\",\"dojOfficerName\":\"a\\u0000b\"}")) {
            TestHttp.Response r = http.send("PUT", settings, TOKENS.dojOfficer(), body, Map.of());
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(http.get(settings, TOKENS.dojOfficer()).json()).as("nothing stored").containsEntry("defaults", true);
        TestHttp.Response hook = http.send("POST", "/api/notifications/webhooks", TOKENS.dojOfficer(), "{\"url\":5}", Map.of());
        assertThat(hook.status()).as(hook.toString()).isEqualTo(400);
        for (String from : List.of("%2B99999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z")) {
            TestHttp.Response r = http.get("/api/reminders?from=" + from, TOKENS.dojOfficer());
            assertThat(r.status()).as(from + " -> " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
            assertThat(http.get("/api/reminders/counts?to=" + from, TOKENS.dojOfficer()).status()).as(from).isEqualTo(400);
        }
        assertThat(http.get("/api/reminders?from=2030-01-01T00:00:00Z", TOKENS.dojOfficer()).status()).isEqualTo(200);
    }
}
