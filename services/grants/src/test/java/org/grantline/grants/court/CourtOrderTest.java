package org.grantline.grants.court;

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

/** Whether a requirement is enjoined is computed from the court orders: scope, conditions, dates, lifting. */
class CourtOrderTest extends GrantsServiceTest {
    String program;
    String condition;

    @BeforeAll
    void programWithACertification() {
        program = GrantsFixtures.program(http, "CO");
        condition = GrantsFixtures.certification1373(http, program);
    }

    /** A jurisdiction with an award whose certification was due on 16 Oct 2017; returns the requirement's id. */
    String overdueRequirement(UUID jurisdiction, String state) {
        jurisdictions.add(jurisdiction, "America/New_York", state);
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01")));
    }

    Map<String, Object> requirement(String id) {
        return http.get("/api/certifications/requirements/" + id, TOKENS.auditor()).json();
    }

    Map<String, Object> order(String scope, List<UUID> jurisdictionIds, String state, String from, String to) {
        Map<String, Object> body = new HashMap<>(Map.of("caseName", "City of Chicago v. Sessions", "caseNumber", "1:17-cv-05720",
                "court", "N.D. Ill.", "orderDate", from, "scope", scope, "conditionIds", List.of(condition), "inForceFrom", from));
        if (jurisdictionIds != null) {
            body.put("jurisdictionIds", jurisdictionIds.stream().map(UUID::toString).toList());
        }
        if (state != null) {
            body.put("scopeState", state);
        }
        if (to != null) {
            body.put("inForceTo", to);
        }
        return body;
    }

    @Test
    void anOrderCoveringTheJurisdictionEnjoinsTheRequirementUntilItIsLifted() {
        UUID chicago = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        String covered = overdueRequirement(chicago, "IL");
        String uncovered = overdueRequirement(elsewhere, "IL");
        assertThat(requirement(covered)).containsEntry("overdue", true).containsEntry("enjoined", false);

        TestHttp.Response created = http.post("/api/court-orders", TOKENS.dojOfficer(),
                order("JURISDICTIONS", List.of(chicago), null, "2017-09-15", null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String order = (String) created.json().get("id");
        assertThat(created.json()).containsEntry("inForceToday", true);

        assertThat(requirement(covered)).containsEntry("enjoined", true).containsEntry("overdue", false)
                .containsEntry("enjoinedBy", List.of(order));
        assertThat(requirement(uncovered)).containsEntry("enjoined", false).containsEntry("overdue", true);

        TestHttp.Response lifted = http.post("/api/court-orders/" + order + "/lift", TOKENS.dojOfficer(),
                Map.of("liftedOn", "2020-02-26", "reason", "Reversed on appeal"));
        assertThat(lifted.json()).containsEntry("inForceToday", false).containsEntry("liftedOn", "2020-02-26");
        assertThat(requirement(covered)).containsEntry("enjoined", false).containsEntry("overdue", true);
        assertThat(http.post("/api/court-orders/" + order + "/lift", TOKENS.dojOfficer(),
                Map.of("liftedOn", "2020-03-01", "reason", "again")).status()).isEqualTo(409);
    }

    @Test
    void stateAndNationwideOrdersCoverByScopeAndAnExpiredOrderCoversNothing() {
        String california = overdueRequirement(UUID.randomUUID(), "CA");
        String texas = overdueRequirement(UUID.randomUUID(), "TX");
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order("STATE", null, "CA", "2017-10-05", null)).status())
                .isEqualTo(201);
        assertThat(requirement(california)).containsEntry("enjoined", true);
        assertThat(requirement(texas)).containsEntry("enjoined", false);
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order("NATIONWIDE", null, null, "2017-09-15", "2018-01-01"))
                .status()).isEqualTo(201);
        assertThat(requirement(texas)).as("the nationwide order ended in 2018").containsEntry("enjoined", false);
    }

    @Test
    void ordersAreCheckedAndOnlyDojRecordsThem() {
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order("STATE", null, null, "2017-09-15", null)).body())
                .contains("scopeState");
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order("JURISDICTIONS", List.of(), null, "2017-09-15", null))
                .body()).contains("jurisdictionIds");
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order("NATIONWIDE", null, null, "2017-09-15", "2017-01-01"))
                .body()).contains("inForceTo");
        Map<String, Object> unknownCondition = order("NATIONWIDE", null, null, "2017-09-15", null);
        unknownCondition.put("conditionIds", List.of(UUID.randomUUID().toString()));
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), unknownCondition).body()).contains("conditionIds");
        assertThat(http.post("/api/court-orders", TOKENS.official(UUID.randomUUID()), order("NATIONWIDE", null, null, "2017-09-15", null))
                .status()).isEqualTo(403);
        assertThat(http.post("/api/court-orders", TOKENS.auditor(), order("NATIONWIDE", null, null, "2017-09-15", null))
                .status()).isEqualTo(403);
        assertThat(http.get("/api/court-orders", TOKENS.official(UUID.randomUUID())).status()).isEqualTo(200);
        assertThat(http.get("/api/court-orders/" + UUID.randomUUID(), TOKENS.auditor()).status()).isEqualTo(404);
    }
}
