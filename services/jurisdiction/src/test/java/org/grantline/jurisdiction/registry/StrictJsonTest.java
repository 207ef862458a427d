package org.grantline.jurisdiction.registry;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;
import static org.grantline.jurisdiction.RegistryFixtures.unique;

/**
 * JSON is taken literally or refused: a value of the wrong JSON type, a duplicate key, content
 * after the document, a NUL character or a date outside 1900–2199 is a 400 that names the field,
 * and nothing is stored.
 */
@MicronautTest(transactional = false)
class StrictJsonTest extends RegistryTestBase {
    static final String POLICY = "\"detainerPolicy\":\"HONOURS_ALL\",\"facilityAccess\":\"YES\",\"releaseNotice\":true,"
            + "\"section1373\":\"UNKNOWN\"";
    String county;

    @BeforeAll
    void aCounty() {
        county = fixtures.county("NM", unique("Strict County"));
    }

    TestHttp.Response recordPolicy(String json) {
        return http.post("/api/jurisdictions/" + county + "/policies", TOKENS.dojOfficer(), json);
    }

    @SuppressWarnings("unchecked")
    static void assertRefused(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json()).containsEntry("type", "urn:grantline:problem:validation");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).as(response.body()).extracting(e -> e.get("field")).contains(field);
        assertThat(response.body()).as("no Java class names").doesNotContainPattern("org\\.grantline|java\\.|Exception");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a string for a boolean | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":\"yes\"," + POLICY + "} | sanctuary",
            "a number for a boolean | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":1," + POLICY + "} | sanctuary",
            "a number for a string | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"notes\":123," + POLICY + "} | notes",
            "a list for a string | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"notes\":[\"x\"]," + POLICY + "} | notes",
            "a NUL character | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"notes\":\"a\\u0000b\"," + POLICY + "} | notes",
            "a duplicate key | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"sanctuary\":false," + POLICY + "} | sanctuary",
            "a year past 2199 | {\"effectiveDate\":\"+99999-01-01\",\"sanctuary\":true," + POLICY + "} | effectiveDate",
            "the year 0 | {\"effectiveDate\":\"0000-01-01\",\"sanctuary\":true," + POLICY + "} | effectiveDate",
            "a year before 1900 | {\"effectiveDate\":\"1899-12-31\",\"sanctuary\":true," + POLICY + "} | effectiveDate",
            "a number for a date | {\"effectiveDate\":20170101,\"sanctuary\":true," + POLICY + "} | effectiveDate",
            "a string for a list | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"documentIds\":\"x\"," + POLICY + "} | documentIds",
            "an id that is no UUID | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"documentIds\":[\"x\"]," + POLICY + "} | documentIds[0]",
            "an unknown enum value | {\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true,\"detainerPolicy\":\"SOMETIMES\",\"facilityAccess\":\"YES\",\"releaseNotice\":true,\"section1373\":\"UNKNOWN\"} | detainerPolicy",
    })
    void aPolicyThatIsNotTakenLiterallyIsRefusedAndNothingIsStored(String what, String json, String field) {
        int before = http.get("/api/jurisdictions/" + county + "/policies", TOKENS.auditor()).jsonList().size();
        assertRefused(recordPolicy(json), field);
        assertThat(http.get("/api/jurisdictions/" + county + "/policies", TOKENS.auditor()).jsonList()).hasSize(before);
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        String good = "{\"effectiveDate\":\"2017-01-01\",\"sanctuary\":true," + POLICY + "}";
        for (String trailing : List.of(" garbage", "{}", ",", " true")) {
            TestHttp.Response response = recordPolicy(good + trailing);
            assertThat(response.status()).as(trailing + " -> " + response).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.body()).contains("after the JSON document");
        }
        assertThat(recordPolicy(good + " \n").status()).as("whitespace after it is fine").isEqualTo(201);
    }

    @Test
    void numbersAreNumbersAndWholeNumbersWhole() {
        String fips = "35" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        String city = "{\"name\":\"Strict " + fips + "\",\"type\":\"CITY\",\"state\":\"NM\",\"fips\":\"" + fips
                + "\",\"timeZone\":\"America/Denver\",\"population\":";
        assertRefused(http.post("/api/jurisdictions", TOKENS.dojOfficer(), city + "\"12\"}"), "population");
        assertRefused(http.post("/api/jurisdictions", TOKENS.dojOfficer(), city + "12.7}"), "population");
        assertRefused(http.post("/api/jurisdictions", TOKENS.dojOfficer(), city + "true}"), "population");
        assertRefused(http.post("/api/jurisdictions", TOKENS.dojOfficer(),
                "{\"name\":12,\"type\":\"CITY\",\"state\":\"NM\",\"fips\":\"" + fips + "\",\"timeZone\":\"America/Denver\"}"), "name");
        assertThat(http.get("/api/jurisdictions?name=Strict%20" + fips, TOKENS.auditor()).json()).containsEntry("total", 0);
        assertThat(http.post("/api/jurisdictions", TOKENS.dojOfficer(), city + "12}").status()).isEqualTo(201);
    }

    @Test
    void datesInQueriesAreHeldToTheSameRange() {
        String path = "/api/jurisdictions/" + county + "/policies/in-force?asOf=";
        for (String date : List.of("0000-01-01", "%2B99999-01-01", "1899-12-31", "2200-01-01")) {
            TestHttp.Response response = http.get(path + date, TOKENS.auditor());
            assertThat(response.status()).as(date + " -> " + response).isEqualTo(400);
            assertThat(response.body()).contains("asOf");
        }
        assertThat(http.get("/api/jurisdictions?asOf=2200-01-01&sanctuary=true", TOKENS.auditor()).status()).isEqualTo(400);
        assertThat(http.get(path + "2199-12-31", TOKENS.auditor()).status()).isIn(200, 404);
    }

    @Test
    void theDateRangeIsStatedInTheOpenApiDocument() {
        String openapi = http.get("/openapi/jurisdiction.yml", null).body();
        assertThat(openapi).contains("1900-01-01").contains("2199-12-31");
    }
}
