package org.grantline.grants.map;

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

/**
 * The compliance map from grants itself: by state and by county (a city counts in its parent county),
 * worst status first (enjoined counts as nothing due), requirement counts, and funds at risk with each
 * award once, agreeing with the funds-at-risk report. National oversight only.
 */
class ComplianceMapTest extends GrantsServiceTest {
    String program;
    String condition;

    @BeforeAll
    void setUp() {
        program = GrantsFixtures.program(http, "MAP");
        condition = GrantsFixtures.certification1373(http, program);
    }

    String award(UUID jurisdiction, String amount, String due) {
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(),
                "programId", program, "fiscalYear", 2017, "amount", amount, "awardDate", "2017-09-01",
                "certificationDueDate", due)));
    }

    String submit(String requirement, UUID jurisdiction) {
        return (String) http.post("/api/certifications/requirements/" + requirement + "/submissions",
                TOKENS.legalOfficer(jurisdiction), Map.of("signerName", "S", "signerTitle", "City Attorney",
                        "attestation", "Under penalty of perjury.", "agreed", true,
                        "documentIds", List.of(documents.document(jurisdiction).toString()))).json().get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statesAndCountiesWithStatusCountsAndFundsAtRisk() {
        UUID illinois = UUID.randomUUID(), cook = UUID.randomUUID(), chicago = UUID.randomUUID(), dupage = UUID.randomUUID();
        jurisdictions.place(illinois, "America/Chicago", "IL", "17", null);
        jurisdictions.place(cook, "America/Chicago", "IL", "17031", illinois);
        jurisdictions.place(chicago, "America/Chicago", "IL", "1714000", cook);
        jurisdictions.place(dupage, "America/Chicago", "IL", "17043", illinois);
        String chicagoRequirement = award(chicago, "1000.00", "2017-10-16");      // overdue: at risk, in Cook County
        award(cook, "500.00", "2199-01-01");          // open
        award(dupage, "700.00", "2017-10-16");        // overdue but enjoined
        award(illinois, "300.00", "2199-01-01");      // the state itself: open, in no county
        http.post("/api/court-orders", TOKENS.dojOfficer(), Map.of("caseName", "DuPage v. Sessions",
                "caseNumber", "1:17-cv-1", "court", "N.D. Ill.", "orderDate", "2017-09-15", "scope", "JURISDICTIONS",
                "jurisdictionIds", List.of(dupage.toString()), "conditionIds", List.of(condition), "inForceFrom", "2017-09-15"));
        UUID la = UUID.randomUUID(), harris = UUID.randomUUID();
        jurisdictions.place(la, "America/Los_Angeles", "CA", "06037", null);
        jurisdictions.place(harris, "America/Chicago", "TX", "48201", null);
        submit(award(la, "2000.00", "2199-01-01"), la);                       // submitted
        String rejected = submit(award(harris, "4000.00", "2199-01-01"), harris);
        assertThat(http.post("/api/certifications/submissions/" + rejected + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "REJECTED", "reason", "Unsigned")).status()).isEqualTo(200);

        TestHttp.Response map = http.get("/api/awards/compliance-map", TOKENS.dojOfficer());
        assertThat(map.status()).isEqualTo(200);
        Map<String, Map<String, Object>> states = byKey((List<Map<String, Object>>) map.json().get("states"), "state");
        Map<String, Map<String, Object>> counties = byKey((List<Map<String, Object>>) map.json().get("counties"), "county");
        assertThat(states.keySet()).containsExactlyInAnyOrder("CA", "IL", "TX");
        assertThat(states.get("IL")).containsEntry("fips", "17").containsEntry("status", "risk")
                .containsEntry("requirements", 4).containsEntry("atRisk", 1).containsEntry("open", 2)
                .containsEntry("enjoined", 1).containsEntry("awardsAtRisk", 1);
        assertThat(states.get("CA")).containsEntry("fips", "06").containsEntry("status", "submitted").containsEntry("awardsAtRisk", 0);
        assertThat(states.get("TX")).containsEntry("fips", "48").containsEntry("status", "risk").containsEntry("awardsAtRisk", 1);
        assertThat(counties.keySet()).containsExactlyInAnyOrder("17031", "17043", "06037", "48201");
        assertThat(counties.get("17031")).containsEntry("status", "risk").containsEntry("requirements", 2)
                .containsEntry("awardsAtRisk", 1).containsEntry("state", "IL");
        assertThat(counties.get("17043")).containsEntry("status", "none").containsEntry("enjoined", 1).containsEntry("awardsAtRisk", 0);
        assertThat(map.body()).contains("\"county\":\"17031\",\"status\":\"risk\"")
                .contains("\"fundsAtRisk\":1000.00").contains("\"fundsAtRisk\":4000.00")
                .contains("\"awardsAtRisk\":2,\"fundsAtRisk\":5000.00");

        // The same money as the funds-at-risk report.
        assertThat(http.get("/api/awards/at-risk", TOKENS.auditor()).body()).contains("\"amountAtRisk\":5000.00");

        // Waiving Chicago's certification takes Cook County and Illinois off "at risk".
        assertThat(http.post("/api/certifications/requirements/" + chicagoRequirement + "/waiver", TOKENS.dojOfficer(),
                Map.of("reason", "Certified by letter")).status()).isEqualTo(200);
        TestHttp.Response after = http.get("/api/awards/compliance-map", TOKENS.auditor());
        assertThat(byKey((List<Map<String, Object>>) after.json().get("states"), "state").get("IL"))
                .containsEntry("status", "open").containsEntry("awardsAtRisk", 0).containsEntry("certifiedOrWaived", 1);
        assertThat(byKey((List<Map<String, Object>>) after.json().get("counties"), "county").get("17031"))
                .containsEntry("status", "open");
        assertThat(after.body()).contains("\"awardsAtRisk\":1,\"fundsAtRisk\":4000.00");
    }

    @Test
    void onlyNationalOversightSeesTheMap() {
        UUID own = UUID.randomUUID();
        assertThat(http.get("/api/awards/compliance-map", TOKENS.official(own)).status()).isEqualTo(403);
        assertThat(http.get("/api/awards/compliance-map", TOKENS.legalOfficer(own)).status()).isEqualTo(403);
        assertThat(http.get("/api/awards/compliance-map", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/compliance-map", TOKENS.admin()).status()).isEqualTo(200);
        assertThat(http.get("/api/awards/compliance-map", null).status()).isEqualTo(401);
    }

    static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows, String key) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        rows.forEach(r -> out.put((String) r.get(key), r));
        return out;
    }
}
