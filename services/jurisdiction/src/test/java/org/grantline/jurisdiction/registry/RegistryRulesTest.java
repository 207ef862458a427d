package org.grantline.jurisdiction.registry;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.jurisdiction.RegistryFixtures;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryRulesTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    TestHttp http;
    RegistryFixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties("jurisdiction");
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        fixtures = new RegistryFixtures(http);
    }

    Map<String, Object> body(String name, String type, String fips, String parentId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type, "state", "VT", "fips", fips,
                "timeZone", "America/New_York"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    @Test
    void theHierarchyRunsCityToCountyToStateWithParentsOfTheRightTypeAndState() {
        String vermont = fixtures.state("VT");
        String county = fixtures.county("VT", unique("Windham County"));
        String city = fixtures.city("VT", county, unique("Brattleboro"), 12_000L);
        assertThat(http.get("/api/jurisdictions/" + city, TOKENS.auditor()).json())
                .containsEntry("parentId", county).containsEntry("population", 12_000);
        assertThat(http.get("/api/jurisdictions/" + county, TOKENS.auditor()).json()).containsEntry("parentId", vermont);

        TestHttp.Response orphanCounty = http.post("/api/jurisdictions", TOKENS.dojOfficer(), body("X", "COUNTY", "50999", null));
        assertThat(orphanCounty.status()).isEqualTo(400);
        assertThat(orphanCounty.body()).contains("parentId");
        TestHttp.Response countyUnderCity = http.post("/api/jurisdictions", TOKENS.dojOfficer(), body("X", "COUNTY", "50998", city));
        assertThat(countyUnderCity.status()).isEqualTo(400);
        assertThat(countyUnderCity.json().get("detail").toString()).contains("parentId").contains("CITY");
        String maryland = fixtures.state("MD");
        TestHttp.Response otherState = http.post("/api/jurisdictions", TOKENS.dojOfficer(), body("X", "COUNTY", "50997", maryland));
        assertThat(otherState.status()).isEqualTo(400);
        assertThat(otherState.json().get("detail").toString()).contains("MD");
        TestHttp.Response unknownParent = http.post("/api/jurisdictions", TOKENS.dojOfficer(),
                body("X", "CITY", "5099999", java.util.UUID.randomUUID().toString()));
        assertThat(unknownParent.status()).isEqualTo(400);
    }

    @Test
    void aParentChainNeverLoops() {
        String a = fixtures.create("VT", "OTHER", 5, null, unique("Regional authority A"), null);
        String b = fixtures.create("VT", "OTHER", 5, a, unique("Regional authority B"), null);
        Map<String, Object> aRecord = http.get("/api/jurisdictions/" + a, TOKENS.auditor()).json();
        Map<String, Object> loop = new HashMap<>(Map.of("name", aRecord.get("name"), "type", "OTHER", "state", "VT",
                "fips", aRecord.get("fips"), "timeZone", "America/New_York", "parentId", b));
        TestHttp.Response response = http.put("/api/jurisdictions/" + a, TOKENS.dojOfficer(), loop);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json()).containsEntry("type", "urn:grantline:problem:parent-loop");
        loop.put("parentId", a);
        assertThat(http.put("/api/jurisdictions/" + a, TOKENS.dojOfficer(), loop).status()).as("its own parent").isEqualTo(422);
    }

    @Test
    void idsAndAuditFieldsInABodyAreIgnored() {
        String forged = "00000000-0000-4000-8000-000000000001";
        Map<String, Object> body = new HashMap<>(body(unique("Mass assignment"), "OTHER", "50" + String.format("%05d",
                java.util.concurrent.ThreadLocalRandom.current().nextInt(100000)), null));
        body.put("id", forged);
        body.put("createdAt", "2001-01-01T00:00:00Z");
        body.put("version", 99);
        TestHttp.Response created = http.post("/api/jurisdictions", TOKENS.dojOfficer(), body);
        assertThat(created.status()).as(created.toString()).isIn(201, 409);
        if (created.status() == 201) {
            assertThat(created.json().get("id")).isNotEqualTo(forged);
            assertThat(created.json().get("createdAt").toString()).doesNotStartWith("2001");
            assertThat(created.json()).containsEntry("version", 0);
        }
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Object> base = body("X", "CITY", "5012345", null);
        Map<String, Map<String, Object>> cases = Map.of(
                "name", with(base, "name", "x".repeat(201)),
                "state", with(base, "state", "ZZ"),
                "fips", with(base, "fips", "5"),
                "timeZone", with(base, "timeZone", "Europe/Nowhere"),
                "population", with(base, "population", -5));
        cases.forEach((field, bad) -> {
            TestHttp.Response response = http.post("/api/jurisdictions", TOKENS.dojOfficer(), bad);
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.body()).as(field).contains(field);
        });
        TestHttp.Response badEnum = http.post("/api/jurisdictions", TOKENS.dojOfficer(), with(base, "type", "EMPIRE"));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.isProblem()).isTrue();
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFilterIsAnsweredInOneRequestSortedAndPaged() {
        String tag = unique("Searchtown").replace(" ", "");
        String county = fixtures.county("WY", tag + " County");
        String big = fixtures.city("WY", county, tag + " Big", 90_000L);
        String small = fixtures.city("WY", county, tag + " small", 1_000L);
        http.post("/api/jurisdictions/" + big + "/policies", TOKENS.dojOfficer(),
                RegistryFixtures.policy("2017-01-01", true, "JUDICIAL_WARRANT_ONLY"));
        http.post("/api/jurisdictions/" + small + "/policies", TOKENS.dojOfficer(),
                RegistryFixtures.policy("2017-01-01", false, "HONOURS_ALL"));
        http.post("/api/jurisdictions/" + small + "/policies", TOKENS.dojOfficer(),
                RegistryFixtures.policy("2030-01-01", true, "HONOURS_NONE"));

        TestHttp.Response byName = http.get("/api/jurisdictions?name=" + tag.toLowerCase() + "&type=CITY&state=WY&sort=population,desc",
                TOKENS.dojOfficer());
        List<Map<String, Object>> items = (List<Map<String, Object>>) byName.json().get("items");
        assertThat(items).extracting(i -> i.get("id")).containsExactly(big, small);
        assertThat(byName.json()).containsEntry("total", 2);

        List<Map<String, Object>> children = (List<Map<String, Object>>) http.get("/api/jurisdictions?parentId=" + county,
                TOKENS.auditor()).json().get("items");
        assertThat(children).hasSize(2);

        List<Map<String, Object>> sanctuaries = (List<Map<String, Object>>) http.get("/api/jurisdictions?parentId=" + county
                + "&sanctuary=true&detainerPolicy=JUDICIAL_WARRANT_ONLY", TOKENS.dojOfficer()).json().get("items");
        assertThat(sanctuaries).extracting(i -> i.get("id")).containsExactly(big);
        List<Map<String, Object>> in2030 = (List<Map<String, Object>>) http.get("/api/jurisdictions?parentId=" + county
                + "&sanctuary=true&asOf=2030-06-01&sort=name", TOKENS.dojOfficer()).json().get("items");
        assertThat(in2030).extracting(i -> i.get("id")).containsExactly(big, small);

        TestHttp.Response page = http.get("/api/jurisdictions?parentId=" + county + "&size=1&page=1&sort=population", TOKENS.auditor());
        assertThat((List<Object>) page.json().get("items")).extracting(i -> ((Map<String, Object>) i).get("id")).containsExactly(big);
        assertThat(page.json()).containsEntry("total", 2).containsEntry("page", 1).containsEntry("size", 1);

        assertThat(http.get("/api/jurisdictions?size=101", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/jurisdictions?sort=password", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/jurisdictions?detainerPolicy=MAYBE", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get("/api/jurisdictions?name=%25", TOKENS.auditor()).status()).isEqualTo(200);
    }
}
