package org.grantline.notifications.contract;

import jakarta.inject.Inject;
import org.grantline.notifications.NotificationsServiceTest;
import org.grantline.notifications.NotificationsTestSupport;
import org.grantline.notifications.TestClock;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notifications service against its own published OpenAPI document: real requests to every
 * operation, successes and errors, and each answer (status, required headers, media type, JSON
 * body) must be one the document describes.
 */
class NotificationsContractTest extends NotificationsServiceTest {
    static final String NY = "America/New_York";

    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;
    OpenApiContract contract;
    String published;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.revocations.max-staleness", "60s");
    }

    @BeforeAll
    void contract() {
        NotificationsTestSupport.resetFeed(tx);
        published = new TestHttp(server.getURL().toString()).get("/openapi/notifications.yml", null).body();
        contract = OpenApiContract.of(published);
        http = new TestHttp(server.getURL().toString(), contract);
    }

    @Test
    void everyOperationAnswersAsItsDocumentSays() {
        UUID city = registry.jurisdiction("Contract City", "MD", NY);
        registry.contact(city, "GRANT_MANAGER", "manager." + city + "@city.test");
        UUID requirement = grants.requirement(city, NY, LocalDate.of(2035, 9, 20), LocalTime.of(23, 59));
        String admin = TOKENS.admin();
        String doj = TOKENS.dojOfficer();
        String official = TOKENS.official(city);

        // a reminder run: 202 with Location, followed to its end
        TestClock.set(Instant.parse("2035-09-01T00:00:00Z"));
        TestHttp.Response run = http.post("/api/reminders/run", admin, Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(202);
        String location = run.header("Location");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(location, admin).json(), m -> !"RUNNING".equals(m.get("status")));
        assertThat(http.post("/api/reminders/run", doj, Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/reminders/run", null, Map.of()).status()).isEqualTo(401);
        assertThat(http.get("/api/reminders/runs", doj).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders/runs?limit=0", doj).status()).isEqualTo(400);
        assertThat(http.get("/api/reminders/runs/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(http.get("/api/reminders/runs/not-a-uuid", doj).status()).isEqualTo(400);

        // reminders as operators see them
        TestHttp.Response reminders = http.get("/api/reminders?jurisdictionId=" + city, doj);
        assertThat(reminders.status()).as(reminders.toString()).isEqualTo(200);
        assertThat(http.get("/api/reminders?status=LOST", doj).status()).isEqualTo(400);
        assertThat(http.get("/api/reminders", official).status()).isEqualTo(403);
        assertThat(http.get("/api/reminders/counts?jurisdictionId=" + city, doj).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders/counts?from=yesterday", doj).status()).isEqualTo(400);
        assertThat(http.get("/api/reminders/schedule?requirementId=" + requirement, doj).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders/schedule?requirementId=x", doj).status()).isEqualTo(400);
        assertThat(http.post("/api/reminders/" + UUID.randomUUID() + "/retry", admin, null).status()).isEqualTo(404);
        assertThat(http.post("/api/reminders/" + UUID.randomUUID() + "/retry", doj, null).status()).isEqualTo(403);

        // a program's settings
        String settings = "/api/reminders/programs/" + grants.programId + "/settings";
        assertThat(http.get(settings, doj).status()).isEqualTo(200);
        Map<String, Object> command = new HashMap<>(Map.of("offsetsDays", List.of(30, 7, 1), "overdueDays", List.of(1, 7),
                "sendTime", "09:00:00"));
        TestHttp.Response set = http.put(settings, doj, command);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        command.put("version", 999);
        assertThat(http.put(settings, doj, command).status()).isEqualTo(409);
        assertThat(http.put(settings, doj, Map.of("offsetsDays", List.of(-1), "overdueDays", List.of(), "sendTime", "09:00:00")).status())
                .isEqualTo(400);
        assertThat(http.put(settings, official, Map.of("offsetsDays", List.of(1), "overdueDays", List.of(1), "sendTime", "09:00:00"))
                .status()).isEqualTo(403);
        assertThat(http.get("/api/reminders/programs/not-a-uuid/settings", doj).status()).isEqualTo(400);

        // the inbox
        TestHttp.Response inbox = http.get("/api/notifications", official);
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        assertThat(http.get("/api/notifications?size=0", official).status()).isEqualTo(400);
        assertThat(http.get("/api/notifications", null).status()).isEqualTo(401);
        assertThat(http.get("/api/notifications/unread-count", official).status()).isEqualTo(200);
        assertThat(http.post("/api/notifications/" + UUID.randomUUID() + "/read", official, null).status()).isEqualTo(404);
        assertThat(http.post("/api/notifications/not-a-uuid/read", official, null).status()).isEqualTo(400);

        // webhooks
        TestHttp.Response hook = http.post("/api/notifications/webhooks", official, Map.of("url", "https://93.184.215.14/hook"));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        String hookId = (String) hook.json().get("id");
        assertThat(http.post("/api/notifications/webhooks", official, Map.of("url", "http://127.0.0.1/hook")).status()).isEqualTo(400);
        assertThat(http.post("/api/notifications/webhooks", TOKENS.auditor(), Map.of("url", "https://93.184.215.14/hook")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/notifications/webhooks", official).status()).isEqualTo(200);
        assertThat(http.get("/api/notifications/webhooks/" + hookId + "/deliveries", official).status()).isEqualTo(200);
        assertThat(http.get("/api/notifications/webhooks/" + UUID.randomUUID() + "/deliveries", official).status()).isEqualTo(404);
        assertThat(http.delete("/api/notifications/webhooks/" + hookId, official).status()).isEqualTo(204);
        assertThat(http.delete("/api/notifications/webhooks/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.delete("/api/notifications/webhooks/not-a-uuid", official).status()).isEqualTo(400);

        // calendar feeds: the link, the anonymous .ics, revoking
        TestHttp.Response feed = http.post("/api/calendar/feeds", official, Map.of());
        assertThat(feed.status()).as(feed.toString()).isEqualTo(201);
        String ics = ((String) feed.json().get("url")).substring("https://grantline.test".length());
        TestHttp.Response calendar = http.get(ics, null);
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        assertThat(calendar.body()).startsWith("BEGIN:VCALENDAR");
        assertThat(http.get("/api/calendar/ics/nothing-here.ics", null).status()).isEqualTo(404);
        assertThat(http.post("/api/calendar/feeds", TOKENS.service("grants"), Map.of()).status()).isEqualTo(403);
        assertThat(http.get("/api/calendar/feeds", official).status()).isEqualTo(200);
        assertThat(http.delete("/api/calendar/feeds/" + feed.json().get("id"), official).status()).isEqualTo(204);
        assertThat(http.delete("/api/calendar/feeds/" + UUID.randomUUID(), official).status()).isEqualTo(404);
        assertThat(http.get(ics, null).status()).isEqualTo(404);

        // a conversation message announced by grants: created, a repeat, a bad body, a caller that is not grants
        Map<String, Object> message = new HashMap<>();
        message.put("messageId", UUID.randomUUID().toString());
        message.put("subjectKind", "REQUIREMENT");
        message.put("subjectId", requirement.toString());
        message.put("jurisdictionId", city.toString());
        message.put("subjectTitle", "Compliance with 8 U.S.C. 1373");
        message.put("authorName", "Dana Officer");
        message.put("authorRole", "DOJ_OFFICER");
        message.put("fromDoj", true);
        message.put("excerpt", "Please attach the policy.");
        message.put("path", "/#/requirements/" + requirement);
        message.put("documentCount", 0);
        message.put("postedAt", "2035-09-01T00:00:00Z");
        TestHttp.Response notice = http.post("/internal/message-notices", TOKENS.service("grants"), message);
        assertThat(notice.status()).as(notice.toString()).isEqualTo(200);
        assertThat(notice.json()).containsEntry("created", true);
        assertThat(http.post("/internal/message-notices", TOKENS.service("grants"), message).json()).containsEntry("created", false);
        Map<String, Object> tooLong = new HashMap<>(message);
        tooLong.put("excerpt", "x".repeat(501));
        assertThat(http.post("/internal/message-notices", TOKENS.service("grants"), tooLong).status()).isEqualTo(400);
        assertThat(http.post("/internal/message-notices", admin, message).status()).isEqualTo(403);
        assertThat(http.post("/internal/message-notices", null, message).status()).isEqualTo(401);

        // audit
        assertThat(http.get("/api/reminders/audit", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.get("/api/reminders/audit?size=0", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/reminders/audit", doj).status()).isEqualTo(403);
        assertThat(contract.checked()).hasSizeGreaterThanOrEqualTo(45);
    }

    /**
     * Every operation with an id in its path, called with a malformed one: the answer (a 400 naming the
     * field, or the 401/403 of a caller who may not) must be one the document describes.
     */
    @Test
    void aMalformedIdInAnyPathIsAnAnswerTheDocumentDescribes() {
        List<OpenApiContract.Probe> probes = OpenApiContract.malformedIdProbes(published);
        for (OpenApiContract.Probe probe : probes) {
            TestHttp.Response answer = http.send(probe.method(), probe.path(), TOKENS.admin(), probe.body(), Map.of());
            assertThat(answer.status()).as(probe.method() + " " + probe.path() + ": " + answer).isLessThan(500);
        }
        assertThat(probes).hasSizeGreaterThan(5);
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFails() {
        assertThatThrownBy(() -> http.send("PATCH", "/api/notifications/webhooks", TOKENS.admin(), "{}", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not in the document");
        String without404 = published.replaceFirst(
                "(  /api/reminders/runs/\\{id}:\\n    get:\\n(?:      .*\\n)*?      responses:\\n(?:        .*\\n)*?)        [\"']404[\"']:\\n(?:          .*\\n)*", "$1");
        assertThat(without404).isNotEqualTo(published);
        TestHttp strict = new TestHttp(server.getURL().toString(), OpenApiContract.of(without404));
        assertThatThrownBy(() -> strict.get("/api/reminders/runs/" + UUID.randomUUID(), TOKENS.dojOfficer()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("-> 404: the document describes only");
    }
}
