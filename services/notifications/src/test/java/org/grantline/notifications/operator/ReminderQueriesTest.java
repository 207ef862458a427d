package org.grantline.notifications.operator;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators read of deliveries (each filter), and a dead delivery retried with its whole digest. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReminderQueriesTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    static final Instant DUE = Instant.parse("2034-03-01T14:00:00Z");

    @Inject
    EmbeddedServer server;
    @Inject
    TransactionOperations<Connection> tx;
    TestHttp http;

    /** Each test's own rows: a dead digest with two dead email deliveries, and an inbox delivery sent. */
    record Rows(UUID jurisdiction, UUID requirement, UUID digest, UUID deadOne, UUID deadTwo, UUID sent) {
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(ServiceTestSupport.properties("notifications"));
        p.put("grantline.client-secret", "test-only-secret");   // the service's own token (never asked for here)
        p.put("grantline.gateway-url", "http://127.0.0.1:9");
        return p;
    }

    @BeforeAll
    void start() {
        http = new TestHttp(server.getURL().toString());
    }

    Rows rows() {
        Rows rows = new Rows(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());
        UUID digest = rows.digest();
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO email_digest (id, recipient, digest_date, status, attempts, "
                    + "next_attempt_at, message_id, last_error, created_at, updated_at) VALUES (?, ?, DATE '2034-03-01', "
                    + "'DEAD', 8, ?, ?, 'smtp down', ?, ?)")) {
                ps.setObject(1, digest);
                ps.setString(2, "dead." + digest + "@city.test");
                ps.setObject(3, ts(DUE));
                ps.setString(4, "<digest." + digest + "@grantline.notifications>");
                ps.setObject(5, ts(DUE));
                ps.setObject(6, ts(DUE));
                ps.executeUpdate();
            }
            delivery(c, rows, rows.deadOne(), 7, "dead." + digest + "@city.test", "EMAIL", digest, "DEAD", 8, DUE);
            delivery(c, rows, rows.deadTwo(), 3, "dead." + digest + "@city.test", "EMAIL", digest, "DEAD", 8, DUE.plusSeconds(4 * 86_400));
            delivery(c, rows, rows.sent(), 7, "JURISDICTION", "INBOX", null, "SENT", 1, DUE.minusSeconds(3600));
            return null;
        });
        return rows;
    }

    static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    void delivery(Connection c, Rows rows, UUID id, int offset, String recipient, String channel, UUID digestId, String status, int attempts,
                  Instant dueAt) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (id, reminder_id, requirement_id, jurisdiction_id, "
                + "deadline_at, offset_days, recipient, channel, digest_id, status, attempts, next_attempt_at, due_at, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, UUID.randomUUID());
            ps.setObject(3, rows.requirement());
            ps.setObject(4, rows.jurisdiction());
            ps.setObject(5, ts(DUE.plusSeconds(7 * 86_400)));
            ps.setInt(6, offset);
            ps.setString(7, recipient);
            ps.setString(8, channel);
            ps.setObject(9, digestId);
            ps.setString(10, status);
            ps.setInt(11, attempts);
            ps.setObject(12, ts(dueAt));
            ps.setObject(13, ts(dueAt));
            ps.setObject(14, ts(dueAt));
            ps.setObject(15, ts(dueAt));
            ps.executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    List<String> ids(String query) {
        TestHttp.Response r = http.get("/api/reminders?" + query, TOKENS.dojOfficer());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return ((List<Map<String, Object>>) r.json().get("items")).stream().map(d -> (String) d.get("id")).toList();
    }

    @Test
    void eachFilterNarrowsTheListAndTheCounts() {
        Rows rows = rows();
        UUID jurisdiction = rows.jurisdiction();
        String deadOne = rows.deadOne().toString();
        String deadTwo = rows.deadTwo().toString();
        String sent = rows.sent().toString();
        assertThat(ids("jurisdictionId=" + jurisdiction)).as("newest due first")
                .containsExactly(deadTwo, deadOne, sent);
        assertThat(ids("requirementId=" + rows.requirement() + "&channel=INBOX")).containsExactly(sent);
        assertThat(ids("jurisdictionId=" + jurisdiction + "&status=DEAD")).containsExactlyInAnyOrder(deadOne, deadTwo);
        assertThat(ids("jurisdictionId=" + jurisdiction + "&from=" + DUE.plusSeconds(60) + "&to=" + DUE.plusSeconds(5 * 86_400)))
                .containsExactly(deadTwo);
        assertThat(ids("jurisdictionId=" + jurisdiction + "&size=1&page=1")).containsExactly(deadOne);
        TestHttp.Response page = http.get("/api/reminders?jurisdictionId=" + jurisdiction + "&size=1", TOKENS.auditor());
        assertThat(page.json()).containsEntry("total", 3).containsEntry("size", 1);
        Map<String, Object> first = ((List<Map<String, Object>>) (List<?>) page.json().get("items")).get(0);
        assertThat(first).containsEntry("deadline", DUE.plusSeconds(7 * 86_400).toString()).containsEntry("digestId", rows.digest().toString())
                .containsEntry("offsetDays", 3).containsEntry("channel", "EMAIL");

        Map<String, Object> counts = http.get("/api/reminders/counts?jurisdictionId=" + jurisdiction, TOKENS.auditor()).json();
        assertThat(counts).containsEntry("DEAD", 2).containsEntry("SENT", 1).containsEntry("PENDING", 0)
                .containsOnlyKeys("PENDING", "SENDING", "SENT", "FAILED", "DEAD", "CANCELLED");
        assertThat(http.get("/api/reminders/counts?jurisdictionId=" + jurisdiction + "&channel=INBOX", TOKENS.auditor()).json())
                .containsEntry("DEAD", 0).containsEntry("SENT", 1);
        assertThat(http.get("/api/reminders?jurisdictionId=" + UUID.randomUUID(), TOKENS.admin()).json()).containsEntry("total", 0);
    }

    @Test
    void aDeadDeliveryIsRetriedWithItsWholeDigestAndOnlyWhileDead() {
        Rows rows = rows();
        UUID deadOne = rows.deadOne();
        UUID digest = rows.digest();
        UUID requirement = rows.requirement();
        TestHttp.Response retried = http.post("/api/reminders/" + deadOne + "/retry", TOKENS.admin(), Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json()).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        TestHttp.Response other = http.get("/api/reminders?requirementId=" + requirement + "&status=PENDING", TOKENS.admin());
        assertThat(other.json()).as("the other delivery of its digest too").containsEntry("total", 2);
        Map<String, Object> digestRow = tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT status, attempts, last_error FROM email_digest WHERE id = ?")) {
                ps.setObject(1, digest);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return Map.<String, Object>of("status", rs.getString(1), "attempts", rs.getInt(2), "cleared", rs.getString(3) == null);
                }
            }
        });
        assertThat(digestRow).containsEntry("status", "PENDING").containsEntry("attempts", 0).containsEntry("cleared", true);

        TestHttp.Response again = http.post("/api/reminders/" + deadOne + "/retry", TOKENS.admin(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("not-dead");
        TestHttp.Response trail = http.get("/api/reminders/audit?entityType=delivery&entityId=" + deadOne, TOKENS.auditor());
        assertThat(trail.body()).contains("delivery.retried");
    }
}
