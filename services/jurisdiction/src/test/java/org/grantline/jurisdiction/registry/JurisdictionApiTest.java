package org.grantline.jurisdiction.registry;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JurisdictionApiTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;

    TestHttp http;
    final TestTokens tokens = TestTokens.shared();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties("jurisdiction");
    }

    @BeforeAll
    void client() {
        http = new TestHttp(server.getURL().toString());
    }

    static String marylandPlaceFips() {
        return "24" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
    }

    static Map<String, Object> city(String name, String fips) {
        return Map.of("name", name, "type", "CITY", "state", "MD", "fips", fips, "timeZone", "America/New_York");
    }

    @Test
    void dojOfficerCreatesAJurisdictionThatEveryRoleCanRead() {
        String fips = marylandPlaceFips();
        TestHttp.Response created = http.post("/api/jurisdictions", tokens.dojOfficer(), city("Baltimore " + fips, fips));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.header("Location")).isEqualTo("/api/jurisdictions/" + id);
        assertThat(created.json()).containsEntry("fips", fips).containsEntry("timeZone", "America/New_York")
                .containsEntry("type", "CITY").containsEntry("state", "MD");

        for (String token : List.of(tokens.auditor(), tokens.official(UUID.randomUUID()), tokens.admin(),
                tokens.legalOfficer(UUID.randomUUID()), tokens.service("grants"))) {
            TestHttp.Response read = http.get("/api/jurisdictions/" + id, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json()).containsEntry("name", "Baltimore " + fips);
        }
    }

    @Test
    void aDuplicateFipsCodeIsAConflict() {
        String fips = marylandPlaceFips();
        assertThat(http.post("/api/jurisdictions", tokens.admin(), city("First " + fips, fips)).status()).isEqualTo(201);
        TestHttp.Response duplicate = http.post("/api/jurisdictions", tokens.admin(), city("Second " + fips, fips));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
        assertThat(duplicate.json()).containsEntry("type", "urn:grantline:problem:duplicate-fips");
        assertThat((String) duplicate.json().get("detail")).contains(fips);
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidFieldsAreA400ThatNamesEachField() {
        TestHttp.Response bad = http.post("/api/jurisdictions", tokens.dojOfficer(),
                Map.of("name", "", "type", "CITY", "state", "Maryland", "fips", "12", "timeZone", "America/New_York"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.json()).containsEntry("type", "urn:grantline:problem:validation");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) bad.json().get("errors");
        assertThat(errors).as(bad.body()).extracting(e -> e.get("field")).contains("name", "state");
    }

    @Test
    void rulesBeyondTheSyntaxAreCheckedToo() {
        String fips = marylandPlaceFips();
        Map<String, Object> wrongZone = new java.util.HashMap<>(city("Zone", fips));
        wrongZone.put("timeZone", "Mars/Olympus_Mons");
        assertThat(http.post("/api/jurisdictions", tokens.admin(), wrongZone).json().get("detail").toString())
                .contains("timeZone");
        Map<String, Object> wrongState = new java.util.HashMap<>(city("Prefix", "06" + fips.substring(2)));
        TestHttp.Response response = http.post("/api/jurisdictions", tokens.admin(), wrongState);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").toString()).contains("fips").contains("24");
        Map<String, Object> countyWithPlaceCode = new java.util.HashMap<>(city("County", fips));
        countyWithPlaceCode.put("type", "COUNTY");
        assertThat(http.post("/api/jurisdictions", tokens.admin(), countyWithPlaceCode).status()).isEqualTo(400);
    }

    @Test
    void malformedJsonAndUnknownEnumValuesAreBadRequestsNotServerErrors() {
        assertThat(http.post("/api/jurisdictions", tokens.admin(), "{\"name\": ").status()).isEqualTo(400);
        TestHttp.Response badType = http.post("/api/jurisdictions", tokens.admin(),
                Map.of("name", "X", "type", "GALAXY", "state", "MD", "fips", "2400001", "timeZone", "America/New_York"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.isProblem()).isTrue();
        assertThat(http.get("/api/jurisdictions/not-a-uuid", tokens.admin()).status()).isEqualTo(400);
    }

    @Test
    void anUnknownIdIsA404Problem() {
        TestHttp.Response missing = http.get("/api/jurisdictions/" + UUID.randomUUID(), tokens.auditor());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void anUpdateIsAuditedWithBeforeAndAfterAndTheRequestId() {
        String fips = marylandPlaceFips();
        String id = (String) http.post("/api/jurisdictions", tokens.dojOfficer(), city("Old name " + fips, fips)).json().get("id");
        TestHttp.Response updated = http.send("PUT", "/api/jurisdictions/" + id, tokens.dojOfficer(),
                city("New name " + fips, fips), Map.of("X-Request-Id", "req-" + fips));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.header("X-Request-Id")).isEqualTo("req-" + fips);
        assertThat(http.get("/api/jurisdictions/" + id, tokens.auditor()).json()).containsEntry("name", "New name " + fips);

        var history = audit.history("jurisdiction", id);
        assertThat(history).extracting(e -> e.action()).containsExactly("jurisdiction.created", "jurisdiction.updated");
        var update = history.get(1);
        assertThat(update.actor()).isEqualTo("test.doj");
        assertThat(update.requestId()).isEqualTo("req-" + fips);
        assertThat(update.beforeState()).contains("Old name " + fips);
        assertThat(update.afterState()).contains("New name " + fips);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListIsPagedAndFilteredByState() {
        for (int i = 0; i < 3; i++) {
            String fips = marylandPlaceFips();
            http.post("/api/jurisdictions", tokens.admin(), city("Paged " + fips, fips));
        }
        TestHttp.Response page = http.get("/api/jurisdictions?state=MD&size=2", tokens.auditor());
        assertThat(page.status()).isEqualTo(200);
        assertThat((List<Object>) page.json().get("items")).hasSize(2);
        assertThat(((Number) page.json().get("total")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat(http.get("/api/jurisdictions?size=500", tokens.auditor()).status()).isEqualTo(400);
    }
}
