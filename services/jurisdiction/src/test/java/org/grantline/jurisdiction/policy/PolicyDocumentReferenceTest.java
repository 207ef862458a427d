package org.grantline.jurisdiction.policy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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

/**
 * A policy cites documents by id; each is confirmed with the documents service (as this service
 * itself) to exist and to be the jurisdiction's own. Foreign or unknown: 400 naming
 * {@code documentIds}; documents service down: 503. Either way nothing is recorded.
 */
@MicronautTest(transactional = false)
class PolicyDocumentReferenceTest extends RegistryTestBase {

    Map<String, Object> citing(UUID... documents) {
        Map<String, Object> body = new HashMap<>(policy("2017-03-01", false, "NO_POLICY"));
        body.put("documentIds", java.util.Arrays.stream(documents).map(UUID::toString).toList());
        return body;
    }

    int versions(String county) {
        return http.get("/api/jurisdictions/" + county + "/policies", TOKENS.auditor()).jsonList().size();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPolicyCitesOnlyItsOwnJurisdictionsDocuments() {
        String county = fixtures.county("RI", unique("Washington County"));
        String other = fixtures.county("RI", unique("Newport County"));
        UUID own = documents.document(UUID.fromString(county));
        UUID theirs = documents.document(UUID.fromString(other));

        TestHttp.Response recorded = http.post("/api/jurisdictions/" + county + "/policies",
                TOKENS.official(UUID.fromString(county)), citing(own));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat((List<Object>) recorded.json().get("documentIds")).containsExactly(own.toString());

        for (UUID bad : List.of(theirs, UUID.randomUUID())) {
            for (String token : List.of(TOKENS.official(UUID.fromString(county)), TOKENS.dojOfficer())) {
                TestHttp.Response refused = http.post("/api/jurisdictions/" + county + "/policies", token, citing(own, bad));
                assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
                assertThat(refused.isProblem()).isTrue();
                assertThat(refused.body()).contains("\"field\":\"documentIds\"").contains(bad.toString());
            }
        }
        assertThat(versions(county)).isEqualTo(1);
    }

    @Test
    void withTheDocumentsServiceDownNothingIsRecorded() {
        String county = fixtures.county("RI", unique("Kent County"));
        UUID own = documents.document(UUID.fromString(county));
        documents.failing = true;
        try {
            TestHttp.Response response = http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(), citing(own));
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.isProblem()).isTrue();
        } finally {
            documents.failing = false;
        }
        assertThat(versions(county)).isZero();
        assertThat(http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(),
                policy("2017-03-01", false, "NO_POLICY")).status()).as("a policy citing nothing needs no documents service")
                .isEqualTo(201);
    }
}
