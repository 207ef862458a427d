package org.grantline.grants.certification;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.grantline.grants.GrantsFixtures.items;
import static org.assertj.core.api.Assertions.assertThat;

/** Requirements are created with their award, due at local time in the jurisdiction's zone, and extended with history. */
class RequirementTest extends GrantsServiceTest {
    final UUID stockton = UUID.randomUUID();

    String program;

    @BeforeAll
    void programWithConditions() {
        jurisdictions.add(stockton, "America/Los_Angeles");
        program = GrantsFixtures.program(http, "RQ");
        GrantsFixtures.certification1373(http, program);
        http.post("/api/programs/" + program + "/conditions", TOKENS.dojOfficer(), Map.of("fiscalYear", 2017, "code", "ACCESS",
                "title", "Access", "fullText", "Allow access.", "needsCertification", false));
    }

    String award() {
        return (String) GrantsFixtures.award(http, Map.of("jurisdictionId", stockton.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "24383.00", "awardDate", "2017-09-01")).json().get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachConditionThatNeedsCertifyingGetsARequirementDueAtLocalTime() {
        String award = award();
        List<Object> requirements = items(http.get("/api/certifications/requirements?awardId=" + award, TOKENS.official(stockton)));
        assertThat(requirements).hasSize(1);
        Map<String, Object> requirement = (Map<String, Object>) requirements.get(0);
        assertThat(requirement).containsEntry("deadlineLocalDate", "2017-10-16").containsEntry("deadlineLocalTime", "23:59:00")
                .containsEntry("timeZone", "America/Los_Angeles").containsEntry("status", "OPEN").containsEntry("overdue", true);
        assertThat(requirement.get("deadline").toString()).startsWith("2017-10-17T06:59");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dojExtendsADeadlineAndTheHistoryIsKept() {
        String award = award();
        String id = (String) ((Map<String, Object>) items(http.get("/api/certifications/requirements?awardId=" + award,
                TOKENS.dojOfficer())).get(0)).get("id");
        TestHttp.Response extended = http.post("/api/certifications/requirements/" + id + "/extensions", TOKENS.dojOfficer(),
                Map.of("deadlineDate", "2099-10-05", "reason", "Acceptance deadline extended"));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(201);
        assertThat(extended.json()).containsEntry("deadlineLocalDate", "2099-10-05").containsEntry("overdue", false);
        assertThat(extended.json().get("deadline").toString()).startsWith("2099-10-06T06:59");
        assertThat(http.post("/api/certifications/requirements/" + id + "/extensions", TOKENS.dojOfficer(),
                Map.of("deadlineDate", "2017-01-01", "reason", "earlier")).status()).isEqualTo(400);
        assertThat(http.post("/api/certifications/requirements/" + id + "/extensions", TOKENS.legalOfficer(stockton),
                Map.of("deadlineDate", "2100-01-01", "reason", "please")).status()).isEqualTo(403);
        List<Object> history = http.get("/api/certifications/requirements/" + id + "/extensions", TOKENS.auditor()).jsonList();
        assertThat(history).hasSize(1);
        assertThat(((Map<String, Object>) history.get(0)).get("previousDeadline").toString()).startsWith("2017-10-17T06:59");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anotherJurisdictionsRequirementsAreInvisible() {
        String award = award();
        String id = (String) ((Map<String, Object>) items(http.get("/api/certifications/requirements?awardId=" + award,
                TOKENS.auditor())).get(0)).get("id");
        UUID elsewhere = UUID.randomUUID();
        assertThat(http.get("/api/certifications/requirements/" + id, TOKENS.official(elsewhere)).status()).isEqualTo(404);
        assertThat(items(http.get("/api/certifications/requirements?awardId=" + award, TOKENS.official(elsewhere)))).isEmpty();
        assertThat(http.get("/api/certifications/requirements/" + id + "/extensions", TOKENS.official(elsewhere)).status()).isEqualTo(404);
        assertThat(http.get("/api/certifications/requirements/" + id, TOKENS.official(stockton)).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dojWaivesACertificationWhichIsThenNeitherDueNorOverdue() {
        String award = award();
        String id = (String) ((Map<String, Object>) items(http.get("/api/certifications/requirements?awardId=" + award,
                TOKENS.dojOfficer())).get(0)).get("id");
        assertThat(http.get("/api/certifications/requirements/" + id, TOKENS.dojOfficer()).json()).containsEntry("overdue", true);
        assertThat(http.post("/api/certifications/requirements/" + id + "/waiver", TOKENS.legalOfficer(stockton),
                Map.of("reason", "please")).status()).isEqualTo(403);
        assertThat(http.post("/api/certifications/requirements/" + id + "/waiver", TOKENS.dojOfficer(),
                Map.of("reason", " ")).status()).isEqualTo(400);
        TestHttp.Response waived = http.post("/api/certifications/requirements/" + id + "/waiver", TOKENS.dojOfficer(),
                Map.of("reason", "DOJ will not enforce the condition here"));
        assertThat(waived.status()).as(waived.toString()).isEqualTo(200);
        assertThat(waived.json()).containsEntry("status", "WAIVED").containsEntry("overdue", false)
                .containsEntry("waiverReason", "DOJ will not enforce the condition here");
        TestHttp.Response again = http.post("/api/certifications/requirements/" + id + "/waiver", TOKENS.dojOfficer(),
                Map.of("reason", "twice"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("currentStatus", "WAIVED");
        assertThat(http.get("/api/programs/audit?entityType=requirement&entityId=" + id, TOKENS.auditor()).body())
                .contains("requirement.waived");
    }
}
