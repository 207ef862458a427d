package org.grantline.grants.outbox;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.grants.NotificationsStub;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The message outbox: posting a SHARED message writes its notice (one {@code message_notice} row) in
 * the message's own transaction, with its audit record — none of the three if that transaction rolls
 * back — and the relay posts it to notifications (a stand-in over HTTP) and deletes it; an INTERNAL
 * note never gets a row. The relay is off here (as in every test), so each test runs its passes itself.
 */
class MessageNoticeOutboxTest extends GrantsServiceTest {
    static final String CONDITION_TITLE = "Cooperation with federal immigration authorities (8 U.S.C. 1373)";
    static final String LETTER_SUBJECT = "Documents on your jail access policy";
    final NotificationsStub notifications = new NotificationsStub();
    final UUID city = UUID.randomUUID();

    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    MessageNoticeRelay relay;
    @Inject
    JsonMapper json;
    String program;
    String demand;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        p.put("grantline.outbox.backoff-base", "1s");
        p.put("grantline.outbox.backoff-cap", "1m");
    }

    @BeforeAll
    void aProgramWithACertificationAndALetter() {
        jurisdictions.add(city, "America/New_York", "MD");
        program = GrantsFixtures.program(http, "MN");
        TestHttp.Response condition = http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of("fiscalYear", 2017,
                "code", "1373", "title", CONDITION_TITLE, "fullText", "Certify 1373.", "needsCertification", true,
                "signerRole", "LEGAL_OFFICER"));
        assertThat(condition.status()).as(condition.toString()).isEqualTo(201);
        TestHttp.Response letter = http.post("/api/letters", TOKENS.dojOfficer(), Map.of("subject", LETTER_SUBJECT,
                "body", "Answer the questions.", "deadlineDate", "2199-12-08",
                "questions", List.of(Map.of("text", "Your policy?", "signerRole", "JURISDICTION_OFFICIAL")),
                "recipients", Map.of("jurisdictionIds", List.of(city.toString()))));
        assertThat(letter.status()).as(letter.toString()).isEqualTo(201);
        demand = (String) ((Map<?, ?>) ((List<?>) letter.json().get("demands")).get(0)).get("id");
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    String requirement() {
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", city.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "24383.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01")));
    }

    /** An official's token with the display name the gateway signs in. */
    String namedOfficial(String name) {
        try {
            String kid = SignedJWT.parse(TOKENS.dojOfficer()).getHeader().getKeyID();
            return TOKENS.signed(TestTokens.claims("ana.ruiz", List.of(Roles.JURISDICTION_OFFICIAL), city).claim("name", name).build(), kid);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    TestHttp.Response post(String path, String token, Map<String, Object> body) {
        TestHttp.Response posted = http.post(path, token, body);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted;
    }

    /** The outbox rows of a message: attempts, next_attempt_at, last_error and payload of each. */
    List<Map<String, Object>> rows(UUID message) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT attempts, next_attempt_at, last_error, payload::text AS payload FROM message_notice WHERE message_id = ?")) {
                ps.setObject(1, message);
                List<Map<String, Object>> found = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> row = new HashMap<>();
                        row.put("attempts", rs.getInt("attempts"));
                        row.put("next_attempt_at", rs.getTimestamp("next_attempt_at").toInstant());
                        row.put("last_error", rs.getString("last_error"));
                        row.put("payload", rs.getString("payload"));
                        found.add(row);
                    }
                }
                return found;
            }
        });
    }

    long count(String sql, Object parameter) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setObject(1, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSharedMessageOfTheJurisdictionIsWrittenToTheOutboxWithTheWholeNoticeAndRelayedOnce() {
        String requirement = requirement();
        UUID document = documents.document(city);
        String body = "  Attached is our signed certification. " + "x".repeat(600) + "  ";
        Instant before = Instant.now();
        TestHttp.Response posted = post("/api/certifications/requirements/" + requirement + "/messages", namedOfficial("Ana Ruiz"),
                Map.of("body", body, "documentIds", List.of(document.toString())));
        UUID message = UUID.fromString((String) posted.json().get("id"));

        List<Map<String, Object>> rows = rows(message);
        assertThat(rows).as("one notice, written with the message").hasSize(1);
        Map<String, Object> notice = parse((String) rows.get(0).get("payload"));
        assertThat(notice).containsOnlyKeys("messageId", "subjectKind", "subjectId", "jurisdictionId", "subjectTitle", "authorName",
                "authorRole", "fromDoj", "excerpt", "path", "documentCount", "postedAt", "noticeKind");
        assertThat(notice).containsEntry("messageId", message.toString()).containsEntry("subjectKind", "REQUIREMENT")
                .containsEntry("subjectId", requirement).containsEntry("jurisdictionId", city.toString())
                .containsEntry("subjectTitle", CONDITION_TITLE).containsEntry("authorName", "Ana Ruiz")
                .containsEntry("authorRole", "JURISDICTION_OFFICIAL").containsEntry("fromDoj", false)
                .containsEntry("path", "/#/requirements/" + requirement).containsEntry("documentCount", 1)
                .containsEntry("noticeKind", "MESSAGE");
        String excerpt = (String) notice.get("excerpt");
        assertThat(excerpt).hasSize(500).startsWith("Attached is our signed certification. xxx").endsWith("x…");
        Instant postedAt = Instant.parse((String) notice.get("postedAt"));
        assertThat(postedAt).isBetween(before.minusSeconds(1), Instant.now()).isEqualTo(Instant.parse((String) posted.json().get("createdAt")));
        assertThat(notifications.noticesOf(message)).as("nothing sent before the relay runs").isEmpty();

        MessageNoticeRelay.Outcome outcome = relay.relayDue();
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.delivered()).isGreaterThanOrEqualTo(1);
        assertThat(notifications.noticesOf(message)).hasSize(1);
        assertThat(parse(notifications.noticesOf(message).get(0))).isEqualTo(notice);
        assertThat(rows(message)).as("deleted once notifications took it").isEmpty();

        relay.relayDue();
        assertThat(notifications.noticesOf(message)).as("told once").hasSize(1);
        assertThat(notifications.unauthorized.get()).as("always with this service's own token").isZero();
    }

    @Test
    void aDojInternalNoteNeverLeavesGrants() {
        String requirement = requirement();
        String secret = "Internal: OLP thinks the answer is evasive " + UUID.randomUUID();
        TestHttp.Response note = post("/api/certifications/requirements/" + requirement + "/messages", TOKENS.dojOfficer(),
                Map.of("body", secret, "internal", true));
        assertThat(note.json()).containsEntry("visibility", "INTERNAL");
        UUID message = UUID.fromString((String) note.json().get("id"));
        assertThat(rows(message)).as("no outbox row for a note").isEmpty();
        assertThat(count("SELECT count(*) FROM message_notice WHERE payload->>'subjectId' = ?", requirement)).isZero();
        relay.relayDue();
        assertThat(notifications.noticesOf(message)).isEmpty();
        assertThat(notifications.notices).noneMatch(b -> b.contains(secret) || b.contains("INTERNAL"));
        assertThat(count("SELECT count(*) FROM audit_event WHERE entity_id = ?", message.toString())).as("still audited").isEqualTo(1);
    }

    @Test
    void aDojMessageOnADemandLinksToTheDemandAndComesFromDoj() {
        TestHttp.Response posted = post("/api/letters/demands/" + demand + "/messages", TOKENS.dojOfficer(),
                Map.of("body", "Please send the jail access policy."));
        UUID message = UUID.fromString((String) posted.json().get("id"));
        assertThat(relay.relayDue().failed()).isFalse();
        assertThat(notifications.noticesOf(message)).hasSize(1);
        Map<String, Object> notice = parse(notifications.noticesOf(message).get(0));
        assertThat(notice).containsEntry("subjectKind", "DEMAND").containsEntry("subjectId", demand)
                .containsEntry("path", "/#/demands/" + demand).containsEntry("fromDoj", true)
                .containsEntry("subjectTitle", LETTER_SUBJECT)
                .containsEntry("authorName", "test.doj")   // no name claim: the username
                .containsEntry("authorRole", "DOJ_OFFICER").containsEntry("documentCount", 0)
                .containsEntry("excerpt", "Please send the jail access policy.");
        assertThat(rows(message)).isEmpty();
    }

    @Test
    void whileNotificationsAnswers503TheNoticeIsKeptWithBackoffAndDeliveredOnTheNextDuePass() {
        relay.relayDue();   // nothing else due
        String requirement = requirement();
        notifications.down = true;
        UUID message;
        try {
            message = UUID.fromString((String) post("/api/certifications/requirements/" + requirement + "/messages",
                    TOKENS.official(city), Map.of("body", "Is the deadline firm?")).json().get("id"));
            MessageNoticeRelay.Outcome outcome = relay.relayDue();
            assertThat(outcome.failed()).isTrue();
            List<Map<String, Object>> rows = rows(message);
            assertThat(rows).as("kept while undelivered").hasSize(1);
            assertThat(rows.get(0)).containsEntry("attempts", 1);
            assertThat((Instant) rows.get(0).get("next_attempt_at")).isAfter(Instant.now());
            assertThat((String) rows.get(0).get("last_error")).contains("503");
        } finally {
            notifications.down = false;
        }
        relay.relayDue();
        assertThat(notifications.noticesOf(message)).as("not before its backoff").isEmpty();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.relayDue();
            return !notifications.noticesOf(message).isEmpty();
        });
        assertThat(notifications.noticesOf(message)).hasSize(1);
        assertThat(rows(message)).isEmpty();
    }

    @Test
    void aNoticeRefusedAs400IsKeptUntilTheBackoffCapInsteadOfSpinning() {
        relay.relayDue();
        String requirement = requirement();
        UUID message = UUID.fromString((String) post("/api/certifications/requirements/" + requirement + "/messages",
                TOKENS.legalOfficer(city), Map.of("body", "Our counsel will sign.")).json().get("id"));
        notifications.noticeStatus = 400;
        try {
            int refusedBefore = notifications.noticesRefused.get();
            MessageNoticeRelay.Outcome outcome = relay.relayDue();
            assertThat(outcome.failed()).as("a refusal is no outage: the pass goes on").isFalse();
            assertThat(outcome.refused()).isEqualTo(1);
            Map<String, Object> row = rows(message).get(0);
            assertThat(row).containsEntry("attempts", 1);
            assertThat((Instant) row.get("next_attempt_at")).as("the backoff cap, not the 1 s base").isAfter(Instant.now().plusSeconds(30));
            assertThat((String) row.get("last_error")).contains("400");
            relay.relayDue();
            relay.relayDue();
            assertThat(notifications.noticesRefused.get()).as("not tried again before the cap").isEqualTo(refusedBefore + 1);
        } finally {
            notifications.noticeStatus = 0;
        }
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE message_notice SET next_attempt_at = now() WHERE message_id = ?")) {
                ps.setObject(1, message);
                return ps.executeUpdate();
            }
        });
        relay.relayDue();
        assertThat(notifications.noticesOf(message)).hasSize(1);
        assertThat(rows(message)).isEmpty();
    }

    @Test
    void whenTheMessagesTransactionFailsThereIsNoMessageNoAuditRecordAndNoNotice() {
        String requirement = requirement();
        String marker = "FAIL-" + UUID.randomUUID();
        // The outbox insert, the last write of the post, fails for this one message: the message and its
        // audit record, written before it in the same transaction, must go with it.
        tx.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                s.execute("CREATE FUNCTION fail_marked_notice() RETURNS trigger AS $$ BEGIN "
                        + "IF new.payload->>'excerpt' LIKE '%" + marker + "%' THEN RAISE EXCEPTION 'forced failure'; END IF; "
                        + "RETURN new; END; $$ LANGUAGE plpgsql");
                s.execute("CREATE TRIGGER fail_marked_notice BEFORE INSERT ON message_notice FOR EACH ROW EXECUTE FUNCTION fail_marked_notice()");
            }
            return null;
        });
        String path = "/api/certifications/requirements/" + requirement + "/messages";
        try {
            TestHttp.Response failed = http.post(path, TOKENS.official(city), Map.of("body", "Doomed " + marker));
            assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        } finally {
            tx.executeWrite(status -> {
                try (Statement s = status.getConnection().createStatement()) {
                    s.execute("DROP TRIGGER fail_marked_notice ON message_notice");
                    s.execute("DROP FUNCTION fail_marked_notice()");
                }
                return null;
            });
        }
        assertThat(count("SELECT count(*) FROM conversation_message WHERE body LIKE '%' || ? || '%'", marker)).as("no message").isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'conversation.message-posted' AND after_state LIKE '%' || ? || '%'",
                requirement)).as("no audit record").isZero();
        assertThat(count("SELECT count(*) FROM message_notice WHERE payload->>'subjectId' = ?", requirement)).as("no notice").isZero();

        // An attachment the documents service refuses fails before any write, and leaves nothing either.
        TestHttp.Response foreign = http.post(path, TOKENS.official(city), Map.of("body", "theirs " + marker,
                "documentIds", List.of(documents.document(UUID.randomUUID()).toString())));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM message_notice WHERE payload->>'subjectId' = ?", requirement)).isZero();
        assertThat(count("SELECT count(*) FROM conversation_message WHERE subject_id = ?::uuid", requirement)).isZero();

        // The same post without the forced failure commits all three.
        UUID message = UUID.fromString((String) post(path, TOKENS.official(city), Map.of("body", "Fine " + marker)).json().get("id"));
        assertThat(rows(message)).hasSize(1);
        assertThat(count("SELECT count(*) FROM audit_event WHERE entity_id = ?", message.toString())).isEqualTo(1);
        relay.relayDue();
        assertThat(notifications.noticesOf(message)).hasSize(1);
        assertThat(count("SELECT count(*) FROM conversation_message WHERE body LIKE '%' || ? || '%'", marker)).isEqualTo(1);
    }
}
