package org.grantline.jurisdiction.facility;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

@MicronautTest(transactional = false)
class FacilityOperatorTest extends RegistryTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void whoRunsTheJailsThatBaltimoresPoliceUse() {
        String maryland = fixtures.state("MD");
        String county = fixtures.county("MD", unique("Baltimore city"));
        String baltimore = fixtures.city("MD", county, unique("Baltimore"), null);
        TestHttp.Response created = http.post("/api/jurisdictions/facilities", TOKENS.dojOfficer(), Map.of(
                "name", "Central Booking", "operatorId", maryland, "kind", "JAIL", "capacity", 1100));
        assertThat(created.status()).isEqualTo(201);
        String facility = (String) created.json().get("id");
        assertThat(http.send("PUT", "/api/jurisdictions/" + baltimore + "/bookings/" + facility, TOKENS.dojOfficer(), null,
                Map.of()).status()).isEqualTo(204);
        assertThat(http.send("PUT", "/api/jurisdictions/" + baltimore + "/bookings/" + facility, TOKENS.dojOfficer(), null,
                Map.of()).status()).as("booking twice changes nothing").isEqualTo(204);

        List<Object> used = http.get("/api/jurisdictions/" + baltimore + "/facilities", TOKENS.official(UUID.randomUUID())).jsonList();
        assertThat(used).hasSize(1);
        Map<String, Object> operator = (Map<String, Object>) ((Map<String, Object>) used.get(0)).get("operator");
        assertThat(operator).containsEntry("id", maryland).containsEntry("type", "STATE").containsEntry("state", "MD");
        assertThat(http.get("/api/jurisdictions/" + maryland + "/facilities/operated", TOKENS.auditor()).body()).contains(facility);

        assertThat(http.delete("/api/jurisdictions/" + baltimore + "/bookings/" + facility, TOKENS.admin()).status()).isEqualTo(204);
        assertThat(http.delete("/api/jurisdictions/" + baltimore + "/bookings/" + facility, TOKENS.admin()).status()).isEqualTo(404);
        assertThat(http.get("/api/jurisdictions/" + baltimore + "/facilities", TOKENS.auditor()).jsonList()).isEmpty();
    }

    @Test
    void onlyDojOfficersAndAdminsManageFacilitiesAndInputIsChecked() {
        String state = fixtures.state("WY");
        Map<String, Object> jail = Map.of("name", "County Jail", "operatorId", state, "kind", "JAIL");
        assertThat(http.post("/api/jurisdictions/facilities", TOKENS.official(UUID.fromString(state)), jail).status()).isEqualTo(403);
        assertThat(http.post("/api/jurisdictions/facilities", TOKENS.auditor(), jail).status()).isEqualTo(403);
        TestHttp.Response unknownOperator = http.post("/api/jurisdictions/facilities", TOKENS.admin(), Map.of(
                "name", "Ghost Jail", "operatorId", UUID.randomUUID().toString(), "kind", "JAIL"));
        assertThat(unknownOperator.status()).isEqualTo(400);
        assertThat(unknownOperator.body()).contains("operatorId");
        assertThat(http.post("/api/jurisdictions/facilities", TOKENS.admin(), Map.of(
                "name", "Odd", "operatorId", state, "kind", "SPACESHIP")).status()).isEqualTo(400);
        assertThat(http.get("/api/jurisdictions/facilities/" + UUID.randomUUID(), TOKENS.admin()).status()).isEqualTo(404);
    }
}
