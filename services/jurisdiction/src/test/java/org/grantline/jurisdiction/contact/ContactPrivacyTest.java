package org.grantline.jurisdiction.contact;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

/** Contacts are private to their jurisdiction, DOJ, admins, auditors and services: proved by path, body and filter. */
@MicronautTest(transactional = false)
class ContactPrivacyTest extends RegistryTestBase {
    String baltimore;
    String stockton;
    String stocktonSecret;
    String stocktonContact;

    static Map<String, Object> contact(String name, String role, String email) {
        return new HashMap<>(Map.of("name", name, "role", role, "email", email, "phone", "+1 410 555 0100"));
    }

    @BeforeAll
    void twoJurisdictionsWithContacts() {
        String county = fixtures.county("MD", unique("County"));
        baltimore = fixtures.city("MD", county, unique("Baltimore"), null);
        stockton = fixtures.city("MD", county, unique("Stockton"), null);
        stocktonSecret = "secret-" + UUID.randomUUID() + "@stockton.example";
        TestHttp.Response added = http.post("/api/jurisdictions/" + stockton + "/contacts", TOKENS.dojOfficer(),
                contact("Sam Solicitor", "CHIEF_LEGAL_OFFICER", stocktonSecret));
        assertThat(added.status()).isEqualTo(201);
        stocktonContact = (String) added.json().get("id");
    }

    String baltimoreOfficial() {
        return TOKENS.official(UUID.fromString(baltimore));
    }

    @Test
    void anOfficialManagesTheirOwnContacts() {
        TestHttp.Response added = http.post("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial(),
                contact("Morgan Grants", "GRANT_MANAGER", "grants@baltimore.example"));
        assertThat(added.status()).isEqualTo(201);
        String id = (String) added.json().get("id");
        Map<String, Object> changed = contact("Morgan Grants", "GRANT_MANAGER", "morgan@baltimore.example");
        assertThat(http.put("/api/jurisdictions/" + baltimore + "/contacts/" + id, TOKENS.legalOfficer(UUID.fromString(baltimore)),
                changed).json()).containsEntry("email", "morgan@baltimore.example");
        assertThat(http.get("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial()).body())
                .contains("morgan@baltimore.example");
        assertThat(http.delete("/api/jurisdictions/" + baltimore + "/contacts/" + id, baltimoreOfficial()).status()).isEqualTo(204);
        assertThat(http.get("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial().toString()).body())
                .doesNotContain("morgan@baltimore.example");
    }

    @Test
    void anotherJurisdictionsIdInThePathIsA404WithNothingOfTheData() {
        for (TestHttp.Response response : List.of(
                http.get("/api/jurisdictions/" + stockton + "/contacts", baltimoreOfficial()),
                http.post("/api/jurisdictions/" + stockton + "/contacts", baltimoreOfficial(),
                        contact("Intruder", "SHERIFF", "x@evil.example")),
                http.put("/api/jurisdictions/" + stockton + "/contacts/" + stocktonContact, baltimoreOfficial(),
                        contact("Intruder", "SHERIFF", "x@evil.example")),
                http.delete("/api/jurisdictions/" + stockton + "/contacts/" + stocktonContact, baltimoreOfficial()),
                // the official's own jurisdiction in the path, another's contact id
                http.put("/api/jurisdictions/" + baltimore + "/contacts/" + stocktonContact, baltimoreOfficial(),
                        contact("Intruder", "SHERIFF", "x@evil.example")))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.body()).doesNotContain(stocktonSecret).doesNotContain("Sam Solicitor");
        }
        assertThat(http.get("/api/jurisdictions/" + stockton + "/contacts", TOKENS.dojOfficer()).body()).contains(stocktonSecret);
    }

    @Test
    void anotherJurisdictionsIdInTheBodyIsIgnored() {
        Map<String, Object> body = contact("Body Smuggler", "SHERIFF", "sheriff@baltimore.example");
        body.put("jurisdictionId", stockton);
        TestHttp.Response added = http.post("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial(), body);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json()).containsEntry("jurisdictionId", baltimore);
        assertThat(http.get("/api/jurisdictions/" + stockton + "/contacts", TOKENS.dojOfficer()).body()).doesNotContain("Body Smuggler");
    }

    @Test
    void anotherJurisdictionsIdInASearchFilterIsA404AndAnUnfilteredSearchShowsOnlyTheirOwn() {
        TestHttp.Response filtered = http.get("/api/jurisdictions/contacts?jurisdictionId=" + stockton, baltimoreOfficial());
        assertThat(filtered.status()).isEqualTo(404);
        assertThat(filtered.body()).doesNotContain(stocktonSecret);
        TestHttp.Response byRole = http.get("/api/jurisdictions/contacts?role=CHIEF_LEGAL_OFFICER&size=100", baltimoreOfficial());
        assertThat(byRole.status()).isEqualTo(200);
        assertThat(byRole.body()).doesNotContain(stocktonSecret);
        assertThat(http.get("/api/jurisdictions/contacts?jurisdictionId=" + stockton, TOKENS.auditor()).body()).contains(stocktonSecret);
        assertThat(http.get("/api/jurisdictions/contacts?jurisdictionId=" + stockton, TOKENS.service("notifications")).body())
                .contains(stocktonSecret);
    }

    @Test
    void auditorsReadButNeverWrite() {
        assertThat(http.get("/api/jurisdictions/" + stockton + "/contacts", TOKENS.auditor()).status()).isEqualTo(200);
        assertThat(http.post("/api/jurisdictions/" + stockton + "/contacts", TOKENS.auditor(),
                contact("A", "SHERIFF", "a@b.example")).status()).isEqualTo(403);
    }

    @Test
    void badContactFieldsAreA400NamingTheField() {
        TestHttp.Response badEmail = http.post("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial(),
                contact("A", "SHERIFF", "not-an-email"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body()).contains("email");
        TestHttp.Response badRole = http.post("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial(),
                contact("A", "MAYOR_FOR_LIFE", "a@b.example"));
        assertThat(badRole.status()).isEqualTo(400);
        Map<String, Object> badPhone = contact("A", "SHERIFF", "a@b.example");
        badPhone.put("phone", "call me maybe");
        assertThat(http.post("/api/jurisdictions/" + baltimore + "/contacts", baltimoreOfficial(), badPhone).body()).contains("phone");
    }
}
