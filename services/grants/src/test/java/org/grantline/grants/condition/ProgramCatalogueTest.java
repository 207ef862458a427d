package org.grantline.grants.condition;

import org.grantline.grants.GrantsServiceTest;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Programs, their solicitations and their catalogue of conditions per fiscal year. */
class ProgramCatalogueTest extends GrantsServiceTest {
    String program() {
        String code = "JAG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        TestHttp.Response created = http.post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code,
                "name", "Justice Assistance " + code, "agency", "BJA"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    static Map<String, Object> condition(int year, String code, boolean certify, String signer) {
        Map<String, Object> body = new HashMap<>(Map.of("fiscalYear", year, "code", code, "title", "Condition " + code,
                "fullText", "The recipient certifies compliance with " + code + ".", "needsCertification", certify));
        if (signer != null) {
            body.put("signerRole", signer);
        }
        return body;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDojOfficerDefinesAProgramItsSolicitationsAndItsConditionsPerFiscalYear() {
        String program = program();
        assertThat(http.post("/api/programs/" + program + "/solicitations", TOKENS.dojOfficer(), Map.of("fiscalYear", 2017,
                "kind", "LOCAL", "title", "FY2017 Local Solicitation", "applicationDue", "2017-09-05")).status()).isEqualTo(201);
        TestHttp.Response twice = http.post("/api/programs/" + program + "/solicitations", TOKENS.dojOfficer(), Map.of(
                "fiscalYear", 2017, "kind", "LOCAL", "title", "Again", "applicationDue", "2017-09-06"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(http.get("/api/programs/" + program + "/solicitations", TOKENS.official(UUID.randomUUID())).jsonList())
                .hasSize(1);

        String path = "/api/programs/" + program + "/conditions";
        TestHttp.Response certification = http.post(path, TOKENS.dojOfficer(), condition(2017, "1373", true, "LEGAL_OFFICER"));
        assertThat(certification.status()).isEqualTo(201);
        assertThat(certification.json()).containsEntry("signerRole", "LEGAL_OFFICER").containsEntry("needsCertification", true);
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2017, "ACCESS", false, null)).status()).isEqualTo(201);
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2018, "1373", true, "LEGAL_OFFICER")).status())
                .as("the same code in another fiscal year").isEqualTo(201);
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2017, "1373", true, "LEGAL_OFFICER")).status()).isEqualTo(409);

        List<Object> fy2017 = http.get(path + "?fiscalYear=2017", TOKENS.auditor()).jsonList();
        assertThat(fy2017).extracting(c -> ((Map<String, Object>) c).get("code")).containsExactly("1373", "ACCESS");
        assertThat(http.get(path, TOKENS.legalOfficer(UUID.randomUUID())).jsonList()).hasSize(3);

        String id = (String) certification.json().get("id");
        Map<String, Object> reworded = condition(2017, "1373", true, "LEGAL_OFFICER");
        reworded.put("fullText", "Reworded text.");
        assertThat(http.put(path + "/" + id, TOKENS.admin(), reworded).json()).containsEntry("fullText", "Reworded text.");
        TestHttp.Response trail = http.get("/api/programs/audit?entityType=condition&entityId=" + id, TOKENS.auditor());
        assertThat(trail.body()).contains("condition.created").contains("condition.updated");
    }

    @Test
    void aCertificationNeedsASignerAndOnlyThen() {
        String path = "/api/programs/" + program() + "/conditions";
        TestHttp.Response noSigner = http.post(path, TOKENS.dojOfficer(), condition(2017, "1373", true, null));
        assertThat(noSigner.status()).isEqualTo(400);
        assertThat(noSigner.body()).contains("signerRole");
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2017, "ACCESS", false, "LEGAL_OFFICER")).status()).isEqualTo(400);
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2017, "X", true, "MAYOR")).status()).isEqualTo(400);
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(1999, "X", false, null)).body()).contains("fiscalYear");
        assertThat(http.post(path, TOKENS.dojOfficer(), condition(2017, "lower case", false, null)).body()).contains("code");
    }

    @Test
    void onlyDojOfficersAndAdminsWriteTheCatalogue() {
        String program = program();
        for (String token : List.of(TOKENS.auditor(), TOKENS.official(UUID.randomUUID()), TOKENS.legalOfficer(UUID.randomUUID()),
                TOKENS.service("notifications"))) {
            assertThat(http.post("/api/programs", token, Map.of("code", "NOPE", "name", "No", "agency", "BJA")).status()).isEqualTo(403);
            assertThat(http.post("/api/programs/" + program + "/conditions", token, condition(2017, "X", false, null)).status())
                    .isEqualTo(403);
        }
        assertThat(http.get("/api/programs/audit", TOKENS.dojOfficer()).status()).isEqualTo(403);
        assertThat(http.get("/api/programs/" + UUID.randomUUID(), TOKENS.auditor()).status()).isEqualTo(404);
        assertThat(http.post("/api/programs/" + UUID.randomUUID() + "/conditions", TOKENS.dojOfficer(),
                condition(2017, "X", false, null)).status()).isEqualTo(404);
        String code = "DUP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(http.post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code, "name", "A", "agency", "BJA")).status()).isEqualTo(201);
        assertThat(http.post("/api/programs", TOKENS.dojOfficer(), Map.of("code", code, "name", "B", "agency", "BJA")).status()).isEqualTo(409);
    }
}
