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

/** The jurisdictions an order covers are confirmed with the jurisdiction service: unknown → 400, unreachable → 503. */
class CourtOrderReferenceTest extends GrantsServiceTest {
    final UUID evanston = UUID.randomUUID();

    String condition;

    @BeforeAll
    void aCondition() {
        jurisdictions.add(evanston, "America/Chicago", "IL");
        condition = GrantsFixtures.certification1373(http, GrantsFixtures.program(http, "CR"));
    }

    Map<String, Object> order(List<UUID> members) {
        return new HashMap<>(Map.of("caseName", "City of Evanston v. Sessions", "caseNumber", "1:18-cv-04853",
                "court", "N.D. Ill.", "orderDate", "2018-08-09", "scope", "MEMBERS", "organisation", "U.S. Conference of Mayors",
                "jurisdictionIds", members.stream().map(UUID::toString).toList(), "conditionIds", List.of(condition),
                "inForceFrom", "2018-08-09"));
    }

    int orders() {
        return http.get("/api/court-orders", TOKENS.auditor()).jsonList().size();
    }

    @Test
    void anOrderCoveringAnUnknownJurisdictionIsRefused() {
        UUID unknown = UUID.randomUUID();
        int before = orders();
        TestHttp.Response refused = http.post("/api/court-orders", TOKENS.dojOfficer(), order(List.of(evanston, unknown)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"jurisdictionIds\"").contains(unknown.toString());
        assertThat(orders()).isEqualTo(before);
        assertThat(http.post("/api/court-orders", TOKENS.dojOfficer(), order(List.of(evanston))).status()).isEqualTo(201);
    }

    @Test
    void withTheJurisdictionServiceDownNoOrderIsRecorded() {
        int before = orders();
        jurisdictions.failing = true;
        try {
            TestHttp.Response response = http.post("/api/court-orders", TOKENS.dojOfficer(), order(List.of(evanston)));
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
        } finally {
            jurisdictions.failing = false;
        }
        assertThat(orders()).isEqualTo(before);
    }
}
