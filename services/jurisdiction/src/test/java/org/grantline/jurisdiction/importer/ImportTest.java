package org.grantline.jurisdiction.importer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.jurisdiction.RegistryTestBase;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.jurisdiction.RegistryFixtures.TOKENS;

@MicronautTest(transactional = false)
class ImportTest extends RegistryTestBase {
    static final String HEADER = "fips,name,type,state,parent_fips,population,time_zone\n";

    TestHttp.Response importCsv(String csv, String token) {
        return http.send("POST", "/api/jurisdictions/import", token, csv, Map.of("Content-Type", "text/csv"));
    }

    /** A county code in Vermont (50) nobody else uses in this run. */
    static String freshCounty() {
        return "50" + String.format("%03d", 500 + ThreadLocalRandom.current().nextInt(499));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rowsAreUpsertedByFipsIdempotentlyAndBadRowsAreReportedByLine() {
        fixtures.state("VT");
        String county = freshCounty();
        String place = county.substring(0, 2) + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        String csv = HEADER
                + county + ",\"Imported County, VT\",COUNTY,VT,50,1234,America/New_York\n"
                + place + ",Imported Town,TOWN,VT," + county + ",,America/New_York\n"
                + "5099999,Bad Zone,TOWN,VT,50,,Mars/Base\n"
                + "5088888,Orphan,TOWN,VT,5077777,,America/New_York\n"
                + "24999,Wrong State,COUNTY,VT,50,,America/New_York\n"
                + "too,few,fields\n";
        TestHttp.Response first = importCsv(csv, TOKENS.dojOfficer());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json()).containsEntry("created", 2).containsEntry("updated", 0);
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) first.json().get("rejected");
        assertThat(rejected).extracting(r -> ((Number) r.get("line")).intValue()).containsExactly(4, 5, 6, 7);
        assertThat(rejected.get(0).get("reason").toString()).contains("timeZone");
        assertThat(rejected.get(1).get("reason").toString()).contains("parent_fips");
        assertThat(rejected.get(2).get("reason").toString()).contains("fips");

        TestHttp.Response again = importCsv(csv, TOKENS.dojOfficer());
        assertThat(again.json()).containsEntry("created", 0).containsEntry("updated", 0).containsEntry("unchanged", 2);

        TestHttp.Response changed = importCsv(HEADER + county + ",Imported County,COUNTY,VT,50,4321,America/New_York\n",
                TOKENS.admin());
        assertThat(changed.json()).containsEntry("updated", 1);
        Map<String, Object> found = (Map<String, Object>) ((List<Object>) http.get("/api/jurisdictions?name=Imported%20County&state=VT&size=100",
                TOKENS.auditor()).json().get("items")).stream().map(o -> (Map<String, Object>) o)
                .filter(j -> county.equals(j.get("fips"))).findFirst().orElseThrow();
        assertThat(found).containsEntry("population", 4321).containsEntry("name", "Imported County");
    }

    @Test
    void aMalformedFileChangesNothing() {
        fixtures.state("VT");
        String county = freshCounty();
        String goodRowThenBrokenQuote = HEADER + county + ",Never Imported,COUNTY,VT,50,,America/New_York\n"
                + "50001,\"unterminated,COUNTY,VT,50,,America/New_York\n";
        TestHttp.Response broken = importCsv(goodRowThenBrokenQuote, TOKENS.dojOfficer());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json()).containsEntry("type", "urn:grantline:problem:malformed-csv");
        TestHttp.Response wrongHeader = importCsv("code,label\n" + county + ",Never Imported\n", TOKENS.dojOfficer());
        assertThat(wrongHeader.status()).isEqualTo(400);
        assertThat(http.get("/api/jurisdictions?name=Never%20Imported", TOKENS.auditor()).json()).containsEntry("total", 0);
    }

    @Test
    void onlyDojOfficersAndAdminsImport() {
        assertThat(importCsv(HEADER, TOKENS.auditor()).status()).isEqualTo(403);
        assertThat(importCsv(HEADER, TOKENS.official(java.util.UUID.randomUUID())).status()).isEqualTo(403);
        assertThat(importCsv(HEADER, null).status()).isEqualTo(401);
        assertThat(importCsv(HEADER, TOKENS.admin()).json()).containsEntry("created", 0);
    }
}
