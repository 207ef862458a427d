package org.grantline.jurisdiction.contract;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jurisdiction service against its own published OpenAPI document: real requests, successes
 * and errors, and each answer must be one the document describes (status, headers, media type, body).
 */
@MicronautTest(transactional = false)
class JurisdictionContractTest extends RegistryTestBase {
    final TestTokens tokens = TestTokens.shared();
    OpenApiContract contract;
    TestHttp checked;

    @BeforeAll
    void contract() {
        contract = OpenApiContract.published(server.getURL().toString(), "jurisdiction");
        checked = new TestHttp(server.getURL().toString(), contract);
    }

    static String placeFips() {
        return "24" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
    }

    static Map<String, Object> city(String name, String fips) {
        return Map.of("name", name, "type", "CITY", "state", "MD", "fips", fips, "timeZone", "America/New_York");
    }

    @Test
    void everyOperationAnswersAsItsDocumentSays() {
        String doj = tokens.dojOfficer();
        String fips = placeFips();
        TestHttp.Response created = checked.post("/api/jurisdictions", doj, city("Contract " + fips, fips));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        assertThat(checked.post("/api/jurisdictions", doj, city("Again " + fips, fips)).status()).isEqualTo(409);
        assertThat(checked.post("/api/jurisdictions", doj, Map.of("name", "x")).status()).isEqualTo(400);
        assertThat(checked.post("/api/jurisdictions", null, city("No token", placeFips())).status()).isEqualTo(401);
        assertThat(checked.post("/api/jurisdictions", tokens.official(UUID.randomUUID()), city("Official", placeFips())).status())
                .isEqualTo(403);
        assertThat(checked.get("/api/jurisdictions?state=MD", doj).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions?size=100000", doj).status()).isEqualTo(400);
        assertThat(checked.get("/api/jurisdictions/" + id, tokens.auditor()).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(checked.put("/api/jurisdictions/" + id, doj, city("Renamed " + fips, fips)).status()).isEqualTo(200);
        assertThat(checked.put("/api/jurisdictions/" + UUID.randomUUID(), doj, city("Nobody", placeFips())).status()).isEqualTo(404);
        assertThat(checked.post("/api/jurisdictions/known", tokens.service("grants"), Map.of("ids", List.of(id, UUID.randomUUID().toString())))
                .status()).isEqualTo(200);

        Map<String, Object> contact = new HashMap<>(Map.of("name", "Pat Chief", "role", "POLICE_CHIEF", "email", "chief@example.org"));
        TestHttp.Response added = checked.post("/api/jurisdictions/" + id + "/contacts", doj, contact);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String contactId = (String) added.json().get("id");
        assertThat(checked.post("/api/jurisdictions/" + id + "/contacts", doj, Map.of("name", "x", "role", "NOBODY", "email", "x"))
                .status()).isEqualTo(400);
        assertThat(checked.get("/api/jurisdictions/" + id + "/contacts", doj).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/contacts?role=POLICE_CHIEF", doj).status()).isEqualTo(200);
        contact.put("version", 999);
        assertThat(checked.put("/api/jurisdictions/" + id + "/contacts/" + contactId, doj, contact).status()).isEqualTo(409);
        contact.remove("version");
        assertThat(checked.put("/api/jurisdictions/" + id + "/contacts/" + contactId, doj, contact).status()).isEqualTo(200);
        assertThat(checked.delete("/api/jurisdictions/" + id + "/contacts/" + contactId, doj).status()).isEqualTo(204);
        assertThat(checked.delete("/api/jurisdictions/" + id + "/contacts/" + contactId, doj).status()).isEqualTo(404);

        TestHttp.Response facility = checked.post("/api/jurisdictions/facilities", doj,
                Map.of("name", "County jail " + fips, "operatorId", id, "kind", "JAIL", "capacity", 300));
        assertThat(facility.status()).as(facility.toString()).isEqualTo(201);
        String facilityId = (String) facility.json().get("id");
        assertThat(checked.get("/api/jurisdictions/facilities/" + facilityId, doj).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/facilities/" + UUID.randomUUID(), doj).status()).isEqualTo(404);
        assertThat(checked.put("/api/jurisdictions/facilities/" + facilityId, doj,
                Map.of("name", "County jail " + fips, "operatorId", id, "kind", "JAIL", "capacity", 350)).status()).isEqualTo(200);
        assertThat(checked.put("/api/jurisdictions/" + id + "/bookings/" + facilityId, doj, null).status()).isEqualTo(204);
        assertThat(checked.get("/api/jurisdictions/" + id + "/facilities", doj).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/" + id + "/facilities/operated", doj).status()).isEqualTo(200);
        assertThat(checked.delete("/api/jurisdictions/" + id + "/bookings/" + facilityId, doj).status()).isEqualTo(204);

        assertThat(checked.get("/api/jurisdictions/" + id + "/policies", doj).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/" + id + "/policies/in-force?asOf=1800-01-01", doj).status()).isEqualTo(400);
        assertThat(checked.send("POST", "/api/jurisdictions/import", doj,
                "fips,name,type,state,parent_fips,population,time_zone\n" + placeFips() + ",Imported,CITY,MD,,1000,America/New_York\n",
                Map.of("Content-Type", "text/csv")).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/audit", tokens.auditor()).status()).isEqualTo(200);
        assertThat(checked.get("/api/jurisdictions/audit", doj).status()).isEqualTo(403);
        assertThat(contract.checked()).hasSizeGreaterThan(30);
    }
}
