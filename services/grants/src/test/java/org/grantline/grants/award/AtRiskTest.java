package org.grantline.grants.award;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Funds at risk: overdue or rejected, not enjoined, summed by state, program and fiscal year. */
class AtRiskTest extends GrantsServiceTest {
    String program;
    String code;
    String condition;

    @BeforeAll
    void setUp() {
        program = GrantsFixtures.program(http, "AR");
        code = (String) http.get("/api/programs/" + program, TOKENS.auditor()).json().get("code");
        condition = GrantsFixtures.certification1373(http, program);
    }

    /** An award; returns its requirement's id. */
    String award(UUID jurisdiction, String state, String amount, String due) {
        jurisdictions.add(jurisdiction, "America/Chicago", state);
        return GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(),
                "programId", program, "fiscalYear", 2017, "amount", amount, "awardDate", "2017-09-01",
                "certificationDueDate", due)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void overdueAndRejectedCountEnjoinedAndOnTimeDoNot() {
        award(UUID.randomUUID(), "IL", "1000.00", "2017-10-16");
        award(UUID.randomUUID(), "IL", "500.00", "2199-01-01");
        UUID enjoinedCity = UUID.randomUUID();
        award(enjoinedCity, "IL", "700.00", "2017-10-16");
        http.post("/api/court-orders", TOKENS.dojOfficer(), Map.of("caseName", "City of Chicago v. Sessions",
                "caseNumber", "1:17-cv-05720", "court", "N.D. Ill.", "orderDate", "2017-09-15", "scope", "JURISDICTIONS",
                "jurisdictionIds", List.of(enjoinedCity.toString()), "conditionIds", List.of(condition), "inForceFrom", "2017-09-15"));
        UUID rejectedCity = UUID.randomUUID();
        String rejected = award(rejectedCity, "CA", "2000.00", "2199-01-01");
        String submission = (String) http.post("/api/certifications/requirements/" + rejected + "/submissions",
                TOKENS.legalOfficer(rejectedCity), Map.of("signerName", "S", "signerTitle", "City Attorney",
                        "attestation", "Under penalty of perjury.", "agreed", true,
                        "documentIds", List.of(documents.document(rejectedCity).toString()))).json().get("id");
        http.post("/api/certifications/submissions/" + submission + "/decision", TOKENS.dojOfficer(),
                Map.of("decision", "REJECTED", "reason", "Unsigned"));

        TestHttp.Response report = http.get("/api/awards/at-risk", TOKENS.auditor());
        assertThat(report.status()).isEqualTo(200);
        List<Map<String, Object>> mine = ((List<Map<String, Object>>) report.json().get("rows")).stream()
                .filter(r -> code.equals(r.get("programCode"))).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).containsEntry("state", "CA").containsEntry("awards", 1).containsEntry("fiscalYear", 2017);
        assertThat(mine.get(1)).containsEntry("state", "IL").containsEntry("awards", 1);
        assertThat(report.body()).contains("\"programCode\":\"" + code + "\",\"fiscalYear\":2017,\"awards\":1,\"amountAtRisk\":2000.00")
                .contains("\"programCode\":\"" + code + "\",\"fiscalYear\":2017,\"awards\":1,\"amountAtRisk\":1000.00");

        TestHttp.Response csv = http.get("/api/awards/at-risk/csv", TOKENS.dojOfficer());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        assertThat(csv.body()).startsWith("state,program,fiscal_year,awards,amount_at_risk")
                .contains("CA," + code + ",2017,1,2000.00").contains("IL," + code + ",2017,1,1000.00");
    }

    @Test
    void onlyDojAdminsAndAuditorsSeeTheReport() {
        assertThat(http.get("/api/awards/at-risk", TOKENS.official(UUID.randomUUID())).status()).isEqualTo(403);
        assertThat(http.get("/api/awards/at-risk/csv", TOKENS.legalOfficer(UUID.randomUUID())).status()).isEqualTo(403);
        assertThat(http.get("/api/awards/at-risk", TOKENS.admin()).status()).isEqualTo(200);
    }
}
