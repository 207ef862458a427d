package org.grantline.jurisdiction.race;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.test.Races;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

/** Eight identical requests at the same instant: one succeeds, the others get a 409 problem, never a 500. */
@MicronautTest(transactional = false)
class RegistryRaceTest extends RegistryTestBase {

    @Inject
    AuditTrail audit;

    @Test
    @SuppressWarnings("unchecked")
    void aJurisdictionCreatedEightTimesAtOnceExistsOnce() {
        fixtures.state("MD");
        String fips = "24" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        Map<String, Object> body = Map.of("name", "Raced " + fips, "type", "CITY", "state", "MD", "fips", fips,
                "timeZone", "America/New_York");
        Races.assertOneWinner(Races.atOnce(() -> http.post("/api/jurisdictions", TOKENS.dojOfficer(), body)), 201);
        List<Object> found = (List<Object>) http.get("/api/jurisdictions?name=Raced%20" + fips, TOKENS.auditor()).json().get("items");
        assertThat(found).hasSize(1);
    }

    String contact(String jurisdiction) {
        TestHttp.Response created = http.post("/api/jurisdictions/" + jurisdiction + "/contacts", TOKENS.dojOfficer(),
                Map.of("name", "Pat Doe", "role", "GRANT_MANAGER", "email", "pat@example.org"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    @Test
    void aContactReplacedEightTimesAtOnceFromTheSameVersionChangesOnce() {
        String county = fixtures.county("MD", unique("Race County"));
        String contact = contact(county);
        Map<String, Object> replacement = Map.of("name", "Pat Doe-Smith", "role", "GRANT_MANAGER",
                "email", "pat.smith@example.org", "version", 0);
        String path = "/api/jurisdictions/" + county + "/contacts/" + contact;
        TestHttp.Response winner = Races.assertOneWinner(Races.atOnce(() ->
                http.put(path, TOKENS.official(UUID.fromString(county)), replacement)), 200);
        assertThat(winner.json()).containsEntry("version", 1);
        assertThat(audit.history("contact", contact)).extracting(e -> e.action())
                .containsExactly("contact.added", "contact.changed");
        TestHttp.Response stale = http.put(path, TOKENS.dojOfficer(), replacement);
        assertThat(stale.status()).as("a retry from the old version").isEqualTo(409);
        assertThat(stale.json()).containsEntry("type", "urn:grantline:problem:stale-version");
    }

    @Test
    void aContactReplacedEightTimesAtOnceWithoutAVersionNeverFails() {
        String county = fixtures.county("MD", unique("Race County"));
        String contact = contact(county);
        Map<String, Object> replacement = Map.of("name", "Pat Roe", "role", "GRANT_MANAGER", "email", "pat.roe@example.org");
        Races.assertNoServerError(Races.atOnce(() ->
                http.put("/api/jurisdictions/" + county + "/contacts/" + contact, TOKENS.dojOfficer(), replacement)), 200);
    }

    String facility(String operator) {
        TestHttp.Response created = http.post("/api/jurisdictions/facilities", TOKENS.dojOfficer(), Map.of(
                "name", "Race Jail", "operatorId", operator, "kind", "JAIL", "capacity", 100));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    @Test
    void aFacilityReplacedEightTimesAtOnceFromTheSameVersionChangesOnce() {
        String operator = fixtures.county("WY", unique("Race County"));
        String facility = facility(operator);
        Map<String, Object> replacement = new HashMap<>(Map.of("name", "Race Jail Annex", "operatorId", operator,
                "kind", "JAIL", "capacity", 150, "version", 0));
        TestHttp.Response winner = Races.assertOneWinner(Races.atOnce(() ->
                http.put("/api/jurisdictions/facilities/" + facility, TOKENS.admin(), replacement)), 200);
        assertThat(winner.json()).containsEntry("version", 1);
        assertThat(audit.history("detention_facility", facility)).extracting(e -> e.action())
                .containsExactly("facility.created", "facility.updated");
    }

    @Test
    void aFacilityReplacedEightTimesAtOnceWithoutAVersionNeverFails() {
        String operator = fixtures.county("WY", unique("Race County"));
        String facility = facility(operator);
        Map<String, Object> replacement = Map.of("name", "Race Jail West", "operatorId", operator, "kind", "JAIL");
        Races.assertNoServerError(Races.atOnce(() ->
                http.put("/api/jurisdictions/facilities/" + facility, TOKENS.dojOfficer(), replacement)), 200);
    }

    @Test
    void aBookingPutEightTimesAtOnceIsMadeOnceAndEveryAnswerSaysSo() {
        String operator = fixtures.county("WY", unique("Race County"));
        String city = fixtures.city("WY", operator, unique("Race City"), null);
        String facility = facility(operator);
        List<TestHttp.Response> answers = Races.atOnce(() ->
                http.send("PUT", "/api/jurisdictions/" + city + "/bookings/" + facility, TOKENS.dojOfficer(), null, Map.of()));
        assertThat(answers).as(answers.toString()).allSatisfy(a -> assertThat(a.status()).isEqualTo(204));
        assertThat(audit.history("facility_booking", city + "/" + facility)).hasSize(1);
        assertThat(http.get("/api/jurisdictions/" + city + "/facilities", TOKENS.auditor()).jsonList()).hasSize(1);
    }
}
