package org.grantline.grants.bulk;

import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk actions on every requirement a filter matches (more than a page), confirmed by count, one audited job. */
class BulkActionTest extends GrantsServiceTest {
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;
    String program;

    @BeforeAll
    void awards() {
        program = GrantsFixtures.program(http, "BK");
        GrantsFixtures.certification1373(http, program);
    }

    String requirement(String name, String due) {
        return requirement(program, name, due);
    }

    String requirement(String programId, String name, String due) {
        UUID place = UUID.randomUUID();
        jurisdictions.add(place, name, "America/Chicago", "IL", "CITY", "NO_POLICY");
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", place.toString(),
                "programId", programId, "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01",
                "certificationDueDate", due)));
    }

    @Test
    void anExtensionReachesEveryMatchingItemBeyondThePageAndReportsWhatItRefused() {
        for (int i = 0; i < 3; i++) {
            requirement("Town " + i, "2099-01-0" + (i + 1));
        }
        String late = requirement("=1+2 Town", "2099-12-31");   // its deadline is after the new one: refused
        Map<String, Object> filter = Map.of("programId", program, "status", "OPEN");
        assertThat(http.get("/api/bulk/requirements/count?status=OPEN&programId=" + program, TOKENS.auditor()).json()).containsEntry("count", 4);

        Map<String, Object> command = new HashMap<>(Map.of("filter", filter, "action", "EXTEND", "expectedCount", 3,
                "deadlineDate", "2099-06-30", "reason", "Litigation pending"));
        TestHttp.Response stale = http.post("/api/bulk/requirements", TOKENS.dojOfficer(), command);
        assertThat(stale.status()).as("the confirmed count is no longer right: nothing done").isEqualTo(409);
        assertThat(stale.body()).contains("count-changed");
        assertThat(http.post("/api/bulk/requirements", TOKENS.auditor(), command).status()).isEqualTo(403);
        assertThat(http.post("/api/bulk/requirements", TOKENS.official(UUID.randomUUID()), command).status()).isEqualTo(403);

        command.put("expectedCount", 4);
        TestHttp.Response job = http.post("/api/bulk/requirements", TOKENS.dojOfficer(), command);
        assertThat(job.status()).as(job.toString()).isEqualTo(200);
        assertThat(job.json()).containsEntry("matched", 4).containsEntry("changed", 3).containsEntry("refused", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) job.json().get("refusals");
        assertThat(refusals).singleElement().satisfies(r -> assertThat(r).containsEntry("id", late));
        String jobId = (String) job.json().get("id");
        assertThat(http.get("/api/bulk/jobs/" + jobId, TOKENS.auditor()).json()).containsEntry("changed", 3);
        assertThat(http.get("/api/programs/audit?entityType=bulk-job&entityId=" + jobId, TOKENS.auditor()).body())
                .contains("bulk.extend").contains("Litigation pending");
        List<Object> items = GrantsFixtures.items(http.get("/api/certifications/requirements?programId=" + program
                + "&dueFrom=2099-06-30T00:00:00Z&dueTo=2099-07-02T00:00:00Z", TOKENS.dojOfficer()));
        assertThat(items).hasSize(3);

        TestHttp.Response csv = http.get("/api/bulk/requirements/csv?status=OPEN&programId=" + program, TOKENS.auditor());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("Jurisdiction,State,Program,Award").contains("\n'=1+2 Town,")
                .doesNotContain("\n=1+2").doesNotContain("\"=1+2");
        assertThat(csv.body().lines().count()).isEqualTo(5);
        assertThat(http.get("/api/bulk/requirements/csv?programId=" + program, TOKENS.official(UUID.randomUUID())).status()).isEqualTo(403);
    }

    @Test
    void aWaiverNeedsOneReasonForAll() {
        requirement("Waived town", "2098-03-01");
        Map<String, Object> filter = Map.of("programId", program, "dueTo", "2098-12-31T00:00:00Z");
        assertThat(http.post("/api/bulk/requirements", TOKENS.dojOfficer(), Map.of("filter", filter, "action", "WAIVE",
                "expectedCount", 1)).body()).contains("reason");
        TestHttp.Response job = http.post("/api/bulk/requirements", TOKENS.dojOfficer(), Map.of("filter", filter, "action", "WAIVE",
                "expectedCount", 1, "reason", "Not enforced in this state"));
        assertThat(job.json()).containsEntry("changed", 1);
        assertThat(http.get("/api/bulk/requirements/count?status=WAIVED&programId=" + program, TOKENS.dojOfficer()).json()).containsEntry("count", 1);
        assertThat(http.get("/api/bulk/requirements/count?dueFrom=2300-01-01T00:00:00Z", TOKENS.dojOfficer()).status()).as("dates 1900-2199").isEqualTo(400);
    }

    /**
     * "Send a reminder now" to every owed requirement a filter matches: a DOJ message on each thread
     * (with its notice in the outbox, so the jurisdiction is told at once by inbox and email), and
     * what owes nothing is refused with the reason; one audited job.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aReminderNowGoesOnEveryOwedRequirementsThreadAndIsAnnounced() throws Exception {
        String own = GrantsFixtures.program(http, "BR");   // its own program: the other tests count theirs
        GrantsFixtures.certification1373(http, own);
        String first = requirement(own, "Reminded town", "2097-05-01");
        String second = requirement(own, "Reminded city", "2097-05-02");
        String waived = requirement(own, "Waived village", "2097-05-03");
        assertThat(http.post("/api/certifications/requirements/" + waived + "/waiver", TOKENS.dojOfficer(),
                Map.of("reason", "Not enforced here")).status()).isEqualTo(200);
        Map<String, Object> filter = Map.of("programId", own, "dueFrom", "2097-04-30T00:00:00Z", "dueTo", "2097-05-10T00:00:00Z");
        Map<String, Object> command = new HashMap<>(Map.of("filter", filter, "action", "REMIND", "expectedCount", 3,
                "reason", "Answer the 15 November letter too."));
        assertThat(http.post("/api/bulk/requirements", TOKENS.auditor(), command).status()).isEqualTo(403);
        TestHttp.Response job = http.post("/api/bulk/requirements", TOKENS.dojOfficer(), command);
        assertThat(job.status()).as(job.toString()).isEqualTo(200);
        assertThat(job.json()).containsEntry("action", "REMIND").containsEntry("matched", 3).containsEntry("changed", 2)
                .containsEntry("refused", 1);
        assertThat((List<String>) job.json().get("changedIds")).containsExactlyInAnyOrder(first, second);
        List<Map<String, Object>> refusals = (List<Map<String, Object>>) job.json().get("refusals");
        assertThat(refusals).singleElement().satisfies(r -> assertThat(r).containsEntry("id", waived)
                .satisfies(x -> assertThat((String) x.get("reason")).contains("nothing is owed: it is waived")));

        // The reminder is in each thread, shared (the jurisdiction sees it), with the deadline in its own time and DOJ's note.
        for (String id : List.of(first, second)) {
            TestHttp.Response thread = http.get("/api/certifications/requirements/" + id + "/messages", TOKENS.dojOfficer());
            assertThat(thread.status()).as(thread.toString()).isEqualTo(200);
            List<Map<String, Object>> messages = (List<Map<String, Object>>) thread.json().get("messages");
            assertThat(messages).singleElement().satisfies(m -> {
                assertThat(m).containsEntry("visibility", "SHARED");
                assertThat((String) m.get("body")).startsWith("Reminder from DOJ: this certification is due on 2097-05-0")
                        .contains("(America/Chicago)").endsWith("Answer the 15 November letter too.");
            });
            assertThat(count("SELECT count(*) FROM message_notice WHERE payload->>'subjectId' = ? AND (payload->>'fromDoj')::boolean",
                    id)).as("announced to notifications").isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM message_notice WHERE payload->>'subjectId' = ?", waived)).isZero();
        assertThat(http.get("/api/programs/audit?entityType=bulk-job&entityId=" + job.json().get("id"), TOKENS.auditor()).body())
                .contains("bulk.remind");

        // Each run reminds again (a note is optional): the threads now hold two reminders each.
        assertThat(http.post("/api/bulk/requirements", TOKENS.dojOfficer(), Map.of("filter", filter, "action", "REMIND",
                "expectedCount", 3)).json()).containsEntry("changed", 2);
        assertThat((List<Object>) http.get("/api/certifications/requirements/" + first + "/messages", TOKENS.dojOfficer()).json()
                .get("messages")).hasSize(2);
    }

    long count(String sql, String id) throws Exception {
        return tx.executeRead(status -> {
            try (java.sql.PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setString(1, id);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void formulaCharactersAreNeutralised() {
        assertThat(BulkService.neutralise("=1+2")).isEqualTo("'=1+2");
        assertThat(BulkService.neutralise("+1")).isEqualTo("'+1");
        assertThat(BulkService.neutralise("-1")).isEqualTo("'-1");
        assertThat(BulkService.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(BulkService.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(BulkService.neutralise("Chicago")).isEqualTo("Chicago");
    }
}
