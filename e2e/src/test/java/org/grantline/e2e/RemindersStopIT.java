package org.grantline.e2e;

import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "A reminder due 10 seconds after a submission is not sent" (issue 13), on the whole suite as
 * {@code ./suite up} runs it: the real grants and notifications services, the gateway, GreenMail.
 * Notifications polls the grants feed only every 10 minutes here (production polls every 5) and
 * delivers every second, so only the grants outbox's announcement can stop the reminder in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemindersStopIT {
    static final String PASSWORD = "e2e-demo-password";
    static final String BALTIMORE = "7a0c5d3e-0000-4000-8000-000024040000";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    Suite suite;
    TestHttp http;

    @BeforeAll
    void up() throws Exception {
        suite = Suite.up(Map.of("NOTIFICATIONS_PLAN_EVERY", "10m", "NOTIFICATIONS_DELIVER_EVERY", "1s"), PASSWORD);
        http = suite.http();
    }

    @AfterAll
    void down() throws Exception {
        if (suite != null) {
            suite.down();
        }
    }

    String login(String username) {
        return suite.token(username);
    }

    TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> reminder(String requirement, String doj) {
        List<Object> schedule = ok(http.get("/api/reminders/schedule?requirementId=" + requirement, doj), 200).jsonList();
        assertThat(schedule).hasSize(1);
        return (Map<String, Object>) schedule.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReminderDueTenSecondsAfterASubmissionIsNotSent() throws Exception {
        String doj = login("doj.officer");
        String counsel = login("baltimore.counsel");
        String admin = login("admin");
        String code = "STOP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String program = (String) ok(http.post("/api/programs", doj, Map.of("code", code, "name", "JAG " + code, "agency", "BJA")), 201)
                .json().get("id");
        ok(http.post("/api/programs/" + program + "/conditions", doj, Map.of("fiscalYear", 2017, "code", "1373", "title", "1373",
                "fullText", "Certify 1373.", "needsCertification", true, "signerRole", "LEGAL_OFFICER")), 201);

        // One reminder, on the deadline's day, at a send time about 20 seconds from now in Baltimore.
        LocalDateTime sendAt = LocalDateTime.ofInstant(Instant.now().plusSeconds(20), NEW_YORK).truncatedTo(ChronoUnit.SECONDS);
        assertThat(sendAt.toLocalTime()).as("the deadline (23:59 local) must follow the send time on the same day")
                .isBefore(java.time.LocalTime.of(23, 58));
        ok(http.put("/api/reminders/programs/" + program + "/settings", doj, Map.of("offsetsDays", List.of(0),
                "overdueDays", List.of(), "sendTime", sendAt.toLocalTime().toString())), 200);
        TestHttp.Response award = null;
        String awardNumber = null;
        for (int attempt = 0; attempt < 10 && (award == null || award.status() == 409); attempt++) {
            awardNumber = "2017-DJ-BX-" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
            award = http.post("/api/awards", doj, Map.of("jurisdictionId", BALTIMORE, "programId", program, "fiscalYear", 2017,
                    "awardNumber", awardNumber, "amount", "24383.00", "awardDate", "2017-09-01",
                    "certificationDueDate", sendAt.toLocalDate().toString()));
        }
        ok(award, 201);
        Map<String, Object> requirements = ok(http.get("/api/certifications/requirements?awardId=" + award.json().get("id"), doj), 200).json();
        String requirement = (String) ((Map<String, Object>) ((List<Object>) requirements.get("items")).get(0)).get("id");

        // A planning run (as the poll would make one), so the reminder is planned on the code before the outbox too.
        String run = (String) ok(http.post("/api/reminders/run", admin, Map.of()), 202).json().get("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"RUNNING".equals(http.get("/api/reminders/runs/" + run, doj).json().get("status")));
        Map<String, Object> planned = reminder(requirement, doj);
        assertThat(planned).containsEntry("status", "PLANNED");
        Instant due = Instant.parse((String) planned.get("dueAt"));

        String document = (String) ok(upload(counsel), 201).json().get("id");
        TestHttp.Response submitted = http.post("/api/certifications/requirements/" + requirement + "/submissions", counsel,
                Map.of("signerName", "Dana Counsel", "signerTitle", "City Solicitor", "attestation",
                        "I certify, under penalty of perjury, that the jurisdiction complies with 8 U.S.C. 1373.", "agreed", true,
                        "documentIds", List.of(document)));
        long committed = System.nanoTime();
        Instant submittedAt = Instant.now();
        ok(submitted, 201);
        long secondsAhead = Duration.between(submittedAt, due).toSeconds();
        assertThat(secondsAhead).as("the reminder is due after the submission").isBetween(5L, 20L);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> "CANCELLED".equals(reminder(requirement, doj).get("status")));
        long millis = (System.nanoTime() - committed) / 1_000_000;
        System.out.println("RemindersStopIT: submission committed " + secondsAhead + " s before the reminder was due; reminder cancelled "
                + millis + " ms after the commit (measured through the gateway, polling every 20 ms)");
        assertThat(reminder(requirement, doj)).containsEntry("reason", "submitted");

        // Past the due time and a few delivery rounds: nothing was sent.
        long wait = Duration.between(Instant.now(), due).toMillis() + 5000;
        Thread.sleep(Math.max(0, wait));
        assertThat(reminder(requirement, doj)).containsEntry("status", "CANCELLED");
        assertThat(ok(http.get("/api/reminders?requirementId=" + requirement, doj), 200).json()).containsEntry("total", 0);
        TestHttp.Response mail = suite.mail().get("/api/user/grants@baltimore.example/messages/INBOX/", null);
        assertThat(mail.status() == 200 ? mail.body() : "").doesNotContain(awardNumber);
    }

    /** A small certification form, uploaded by the legal officer through the gateway (multipart/form-data). */
    TestHttp.Response upload(String token) throws Exception {
        String boundary = "----e2e" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nCERTIFICATION\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSigned 1373 certification\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"certification.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nThe city certifies compliance with 8 U.S.C. 1373.\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(suite.url() + "/api/documents"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
    }
}
