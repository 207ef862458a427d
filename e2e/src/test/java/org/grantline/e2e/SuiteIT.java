package org.grantline.e2e;

import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite as a newcomer starts it: {@code ./suite up} runs the five built jars as separate
 * processes on the embedded defaults; every request goes through the gateway over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {
    static final String PASSWORD = "e2e-demo-password";
    static final String BALTIMORE = "7a0c5d3e-0000-4000-8000-000024040000";
    Suite suite;
    Path data;
    TestHttp http;
    int gatewayPort;

    @BeforeAll
    void up() throws Exception {
        suite = Suite.up(PASSWORD);
        assertThat(suite.started).contains("baltimore.counsel").contains("password: " + PASSWORD);
        data = suite.data;
        gatewayPort = suite.gatewayPort;
        http = suite.http();
    }

    @AfterAll
    void down() throws Exception {
        suite.down();
        for (String app : Suite.APPS) {
            assertThat(Files.exists(data.resolve("run/" + app + ".pid"))).as(app).isFalse();
        }
    }

    String login(String username) {
        TestHttp.Response response = http.post("/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.status()).as(username + ": " + response).isEqualTo(200);
        return (String) response.json().get("access_token");
    }

    @Order(1)
    @Test
    void statusShowsEveryAppUp() throws Exception {
        Suite.Result status = suite.command("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output().lines().filter(l -> l.endsWith(" UP")).count()).isEqualTo(5);
        assertThat(Files.readString(data.resolve("logs/gateway.log"))).contains("Startup completed");
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "admin, ADMIN, ''",
            "doj.officer, DOJ_OFFICER, ''",
            "baltimore.official, JURISDICTION_OFFICIAL, " + BALTIMORE,
            "baltimore.counsel, LEGAL_OFFICER, " + BALTIMORE,
            "auditor, AUDITOR, ''"})
    void everyDemoUserSignsInAndReachesEveryServiceThroughTheGateway(String username, String role, String jurisdiction) {
        String token = login(username);
        TestHttp.Response me = http.get("/api/me", token);
        assertThat(me.json()).containsEntry("username", username);
        assertThat(me.json().get("roles")).isEqualTo(List.of(role));
        assertThat(java.util.Objects.toString(me.json().get("jurisdictionId"), "")).isEqualTo(jurisdiction == null ? "" : jurisdiction);

        TestHttp.Response baltimore = http.get("/api/jurisdictions/" + BALTIMORE, token);
        assertThat(baltimore.status()).as(baltimore.toString()).isEqualTo(200);
        assertThat(baltimore.json()).containsEntry("name", "Baltimore").containsEntry("timeZone", "America/New_York");
        for (String path : List.of("/api/programs", "/api/documents", "/api/notifications")) {
            TestHttp.Response response = http.get(path, token);
            assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        }
        assertThat(http.get("/api/programs", token).body()).contains("Byrne");
    }

    @Order(3)
    @Test
    void roleMatrixOfTheJurisdictionRegistryThroughTheGateway() {
        Map<String, Integer> expected = Map.of("admin", 201, "doj.officer", 201, "baltimore.official", 403,
                "baltimore.counsel", 403, "auditor", 403);
        expected.forEach((user, status) -> {
            String fips = "24" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
            TestHttp.Response created = http.post("/api/jurisdictions", login(user), Map.of("name", "E2E " + fips,
                    "type", "TOWN", "state", "MD", "fips", fips, "timeZone", "America/New_York"));
            assertThat(created.status()).as(user + ": " + created).isEqualTo(status);
            assertThat(created.header("X-Request-Id")).isNotBlank();
        });
        String requestId = "e2e-" + UUID.randomUUID();
        TestHttp.Response traced = http.send("GET", "/api/jurisdictions/" + BALTIMORE, login("auditor"), null,
                Map.of("X-Request-Id", requestId));
        assertThat(traced.header("X-Request-Id")).isEqualTo(requestId);
        try {
            assertThat(Files.readString(data.resolve("logs/jurisdiction.log"))).as("the id reaches the service's log")
                    .contains("request=" + requestId);
            assertThat(Files.readString(data.resolve("logs/gateway.log"))).contains("request=" + requestId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        TestHttp.Response anonymous = http.post("/api/jurisdictions", null, Map.of("name", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();

        TestHttp.Response invalid = http.post("/api/jurisdictions", login("doj.officer"), Map.of("name", "", "type", "CITY"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.isProblem()).isTrue();
        assertThat(invalid.body()).contains("fips").contains("timeZone");
    }

    @Order(4)
    @Test
    void forgedTokensNeverGetPastTheGatewayOrTheService() throws Exception {
        for (Map.Entry<String, String> attack : TestTokens.shared().attacks().entrySet()) {
            assertThat(http.get("/api/jurisdictions", attack.getValue()).status()).as(attack.getKey()).isEqualTo(401);
            int servicePort = Integer.parseInt(suite.env.get("JURISDICTION_PORT"));
            TestHttp direct = new TestHttp("http://127.0.0.1:" + servicePort);
            assertThat(direct.get("/api/jurisdictions", attack.getValue()).status()).as("direct " + attack.getKey()).isEqualTo(401);
        }
        // A real gateway token also works straight at the service: each service checks tokens itself.
        TestHttp direct = new TestHttp("http://127.0.0.1:" + suite.env.get("JURISDICTION_PORT"));
        assertThat(direct.get("/api/jurisdictions", login("auditor")).status()).isEqualTo(200);
        assertThat(direct.get("/api/jurisdictions", null).status()).isEqualTo(401);
    }

    @Order(5)
    @Test
    void refreshAndLogoutThroughTheGateway() {
        TestHttp.Response signedIn = http.post("/login", null, Map.of("username", "baltimore.counsel", "password", PASSWORD));
        String refresh = (String) signedIn.json().get("refresh_token");
        TestHttp.Response refreshed = http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(200);
        String next = (String) refreshed.json().get("refresh_token");
        assertThat(http.get("/api/jurisdictions/" + BALTIMORE, (String) refreshed.json().get("access_token")).status()).isEqualTo(200);
        assertThat(http.post("/logout", null, Map.of("refresh_token", next)).status()).isEqualTo(204);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", next)).status()).isEqualTo(400);
    }

    @Order(6)
    @Test
    void eachServiceGetsATokenForItselfWithItsOwnSecret() throws Exception {
        String secret = Files.readString(data.resolve("secrets/notifications")).strip();
        TestHttp.Response granted = http.send("POST", "/oauth/access_token", null,
                "grant_type=client_credentials&client_id=notifications&client_secret=" + secret,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        String token = (String) granted.json().get("access_token");
        assertThat(http.get("/api/me", token).json()).containsEntry("username", "notifications");
        assertThat(http.get("/api/jurisdictions/" + BALTIMORE, token).status()).isEqualTo(200);
        TestHttp.Response borrowed = http.send("POST", "/oauth/access_token", null,
                "grant_type=client_credentials&client_id=grants&client_secret=" + secret,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(borrowed.status()).as("another service's secret is no use").isEqualTo(401);
    }

    @Order(6)
    @Test
    @SuppressWarnings("unchecked")
    void theDemoRegistryKnowsWhoRunsBaltimoresJailAndKeepsContactsPrivate() {
        String official = login("baltimore.official");
        List<Object> jails = http.get("/api/jurisdictions/" + BALTIMORE + "/facilities", official).jsonList();
        assertThat(jails).hasSize(1);
        Map<String, Object> operator = (Map<String, Object>) ((Map<String, Object>) jails.get(0)).get("operator");
        assertThat(operator).containsEntry("name", "Maryland").containsEntry("type", "STATE");

        TestHttp.Response counties = http.get("/api/jurisdictions?type=COUNTY&state=MD&size=100", official);
        assertThat(counties.json()).containsEntry("total", 24);
        TestHttp.Response sanctuaries = http.get("/api/jurisdictions?sanctuary=true&asOf=2017-08-18&type=CITY", login("doj.officer"));
        assertThat(sanctuaries.body()).contains("Chicago").contains("Philadelphia").doesNotContain("Baltimore");

        assertThat(http.get("/api/jurisdictions/" + BALTIMORE + "/contacts", official).body()).contains("City Solicitor");
        Map<String, Object> chicago = ((List<Map<String, Object>>) http.get("/api/jurisdictions?name=chicago&type=CITY", official)
                .json().get("items")).get(0);
        TestHttp.Response foreign = http.get("/api/jurisdictions/" + chicago.get("id") + "/contacts", official);
        assertThat(foreign.status()).isEqualTo(404);
        TestHttp.Response trail = http.get("/api/jurisdictions/audit?entityType=contact", login("auditor"));
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.body()).contains("contact.added");
    }

    @Order(6)
    @Test
    @SuppressWarnings("unchecked")
    void theDemoGrantsShowBaltimoresLiveDeadlineAndTheFy2017Story() throws Exception {
        String counsel = login("baltimore.counsel");
        // The grants service seeds its demo awards once the jurisdiction service and the gateway answer.
        List<Map<String, Object>> open = List.of();
        for (int attempt = 0; attempt < 60 && open.isEmpty(); attempt++) {
            open = (List<Map<String, Object>>) http.get("/api/certifications/requirements?status=OPEN&dueFrom="
                    + java.time.Instant.now(), counsel).json().get("items");
            if (open.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        // Two open certifications with deadlines in the coming days: one in five days, one today or tomorrow.
        for (int attempt = 0; attempt < 30 && open.size() < 2; attempt++) {
            Thread.sleep(1000);
            open = (List<Map<String, Object>>) http.get("/api/certifications/requirements?status=OPEN&dueFrom="
                    + java.time.Instant.now(), counsel).json().get("items");
        }
        assertThat(open).as("Baltimore's open certifications with deadlines in the coming days").hasSize(2);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"));
        assertThat(open).extracting(r -> r.get("deadlineLocalDate"))
                .contains(today.plusDays(5).toString())
                .containsAnyOf(today.toString(), today.plusDays(1).toString());
        for (Map<String, Object> requirement : open) {
            assertThat(requirement).containsEntry("timeZone", "America/New_York").containsEntry("deadlineLocalTime", "17:00:00")
                    .containsEntry("overdue", false).containsEntry("jurisdictionId", BALTIMORE);
        }
        assertThat(http.get("/api/awards?size=100", counsel).body()).contains("2017-PS-BX-").doesNotContain("2017-DJ-BX-0775");

        String doj = login("doj.officer");
        assertThat(http.get("/api/awards?size=100", doj).body()).contains("2017-DJ-BX-0775").contains("2017-MU-BX-0001");
        assertThat(http.get("/api/court-orders", doj).body()).contains("1:17-cv-05720").contains("2:17-cv-03894")
                .contains("3:17-cv-04701").contains("1:18-cv-04853");
        TestHttp.Response atRisk = http.get("/api/awards/at-risk", doj);
        assertThat(atRisk.status()).isEqualTo(200);
        assertThat(atRisk.body()).contains("\"state\":\"FL\"").doesNotContain("\"state\":\"PA\"");
    }

    @Order(7)
    @Test
    @SuppressWarnings("unchecked")
    void theDemoDeadlineDueTodayOrTomorrowRemindsBaltimoreByEmailAndInTheOfficialsInboxWithinAMinuteOrTwo() {
        // The notifications scheduler plans every 30 s and delivers every 15 s on the embedded default.
        TestHttp mail = suite.mail();
        String messages = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> {
                    TestHttp.Response r = mail.get("/api/user/grants@baltimore.example/messages/INBOX/", null);
                    return r.status() == 200 ? r.body() : "";
                }, body -> body.contains("\"Message-ID\""));
        assertThat(messages).contains("Baltimore").contains("@grantline.notifications>");

        String official = login("baltimore.official");
        List<Map<String, Object>> notices = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> (List<Map<String, Object>>) http.get("/api/notifications", official).json().get("items"),
                        items -> !items.isEmpty());
        assertThat(notices).anySatisfy(n -> {
            assertThat(n).containsEntry("jurisdictionId", BALTIMORE);
            assertThat((String) n.get("subject")).startsWith("Certification ").contains("Baltimore");
        });
    }

    @Order(8)
    @Test
    void whenAServiceStopsItsRoutesAnswer503QuicklyAndTheOthersKeepWorking() throws Exception {
        long pid = Long.parseLong(Files.readString(data.resolve("run/notifications.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        String token = login("doj.officer");
        long start = System.nanoTime();
        TestHttp.Response response = http.get("/api/notifications", token);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.isProblem()).isTrue();
        assertThat(millis).isLessThan(1000);
        assertThat(http.get("/api/programs", token).status()).isEqualTo(200);
        Suite.Result status = suite.command("status");
        assertThat(status.exitCode()).isNotZero();
        assertThat(status.output()).containsPattern("notifications\\s+\\d+\\s+-\\s+stopped");
    }

    @Order(6)   // while every app runs (order 8 stops notifications)
    @Test
    void aDisabledUsersTokenIsRefusedWithinFiveSecondsAtTheGatewayAndAtEveryServiceCalledDirectly() {
        String admin = login("admin");
        String username = "e2e.revoked." + UUID.randomUUID().toString().substring(0, 8);
        TestHttp.Response created = http.post("/api/users", admin, Map.of("username", username, "displayName", "Soon disabled",
                "password", PASSWORD + "-long", "roles", List.of("DOJ_OFFICER")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        TestHttp.Response signedIn = http.post("/login", null, Map.of("username", username, "password", PASSWORD + "-long"));
        String token = (String) signedIn.json().get("access_token");
        Map<String, String> direct = Map.of("JURISDICTION_PORT", "/api/jurisdictions", "GRANTS_PORT", "/api/programs",
                "DOCUMENTS_PORT", "/api/documents", "NOTIFICATIONS_PORT", "/api/notifications");
        assertThat(http.get("/api/me", token).status()).isEqualTo(200);
        direct.forEach((port, path) -> assertThat(new TestHttp("http://127.0.0.1:" + suite.env.get(port)).get(path, token).status())
                .as(port + path).isEqualTo(200));

        assertThat(http.post("/api/users/" + created.json().get("id") + "/disable", admin, "").status()).isEqualTo(200);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(http.get("/api/me", token).status()).as("gateway").isEqualTo(401);
            direct.forEach((port, path) -> assertThat(new TestHttp("http://127.0.0.1:" + suite.env.get(port)).get(path, token)
                    .status()).as(port + path).isEqualTo(401));
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
}
