package org.grantline.jurisdiction.policy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryFixtures;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.policy;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

@MicronautTest(transactional = false)
class PolicyHistoryTest extends RegistryTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void policiesAreVersionedByEffectiveDateNeverOverwrittenAndQueryableAsOfADate() {
        String county = fixtures.county("NM", unique("Bernalillo County"));
        String path = "/api/jurisdictions/" + county + "/policies";
        assertThat(http.post(path, TOKENS.dojOfficer(), policy("2017-01-26", false, "HONOURS_ALL")).status()).isEqualTo(201);
        assertThat(http.post(path, TOKENS.dojOfficer(), policy("2013-12-03", false, "HONOURS_NONE")).status()).isEqualTo(201);
        Map<String, Object> correction = new HashMap<>(policy("2017-01-26", false, "JUDICIAL_WARRANT_ONLY"));
        correction.put("notes", "corrected");
        correction.put("documentIds", List.of(documents.document(UUID.fromString(county)).toString()));
        TestHttp.Response corrected = http.post(path, TOKENS.dojOfficer(), correction);
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json()).containsEntry("recordedBy", "test.doj");
        assertThat((List<Object>) corrected.json().get("documentIds")).hasSize(1);

        List<Object> history = http.get(path, TOKENS.official(UUID.randomUUID())).jsonList();
        assertThat(history).extracting(p -> ((Map<String, Object>) p).get("detainerPolicy"))
                .containsExactly("HONOURS_NONE", "HONOURS_ALL", "JUDICIAL_WARRANT_ONLY");

        assertThat(http.get(path + "/in-force?asOf=2015-06-01", TOKENS.auditor()).json()).containsEntry("detainerPolicy", "HONOURS_NONE");
        assertThat(http.get(path + "/in-force?asOf=2017-08-18", TOKENS.auditor()).json())
                .containsEntry("detainerPolicy", "JUDICIAL_WARRANT_ONLY").containsEntry("notes", "corrected");
        TestHttp.Response before = http.get(path + "/in-force?asOf=2000-01-01", TOKENS.auditor());
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.isProblem()).isTrue();
        assertThat(http.get(path + "/in-force?asOf=yesterday", TOKENS.auditor()).status()).isEqualTo(400);
    }

    @Test
    void officialsRecordTheirOwnPolicyOnlyAndAuditorsNone() {
        String county = fixtures.county("RI", unique("Providence County"));
        String other = fixtures.county("RI", unique("Kent County"));
        UUID own = UUID.fromString(county);
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.official(own),
                policy("2017-01-01", false, "NO_POLICY")).status()).isEqualTo(201);
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.legalOfficer(own),
                policy("2017-02-01", false, "NO_POLICY")).status()).isEqualTo(201);
        TestHttp.Response foreign = http.post("/api/jurisdictions/" + other + "/policies", TOKENS.official(own),
                policy("2017-01-01", true, "HONOURS_NONE"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(http.get("/api/jurisdictions/" + other + "/policies", TOKENS.auditor()).jsonList()).isEmpty();
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.auditor(),
                policy("2017-01-01", false, "NO_POLICY")).status()).isEqualTo(403);
        assertThat(http.post("/api/jurisdictions/" + UUID.randomUUID() + "/policies", TOKENS.dojOfficer(),
                policy("2017-01-01", false, "NO_POLICY")).status()).isEqualTo(404);
    }

    @Test
    void aPolicyWithAMissingOrUnknownFieldIsA400() {
        String county = fixtures.county("RI", unique("Bristol County"));
        Map<String, Object> missing = new HashMap<>(policy("2017-01-01", false, "NO_POLICY"));
        missing.remove("section1373");
        TestHttp.Response response = http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(), missing);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("section1373");
        Map<String, Object> unknown = new HashMap<>(policy("2017-01-01", false, "SOMETIMES"));
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(), unknown).status()).isEqualTo(400);
        Map<String, Object> longNotes = new HashMap<>(policy("2017-01-01", false, "NO_POLICY"));
        longNotes.put("notes", "n".repeat(4001));
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(), longNotes).body()).contains("notes");
    }
}
