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

/** CSV as spreadsheets write it: a UTF-8 byte-order mark imports; a broken file is explained without Java in it. */
@MicronautTest(transactional = false)
class CsvImportInputTest extends RegistryTestBase {

    TestHttp.Response importCsv(String csv) {
        return http.send("POST", "/api/jurisdictions/import", TOKENS.dojOfficer(), csv, Map.of("Content-Type", "text/csv"));
    }

    static String freshCounty() {
        return "56" + String.format("%03d", 500 + ThreadLocalRandom.current().nextInt(499));
    }

    @Test
    void aFileWithAByteOrderMarkAsExcelWritesItImports() {
        fixtures.state("WY");
        String county = freshCounty();
        TestHttp.Response imported = importCsv("\uFEFF" + ImportTest.HEADER.replace("\n", "\r\n")
                + county + ",Excel County,COUNTY,WY,56,,America/Denver\r\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json()).containsEntry("created", 1);
    }

    @Test
    void aMalformedFileIsExplainedWithoutNamingAJavaClass() {
        fixtures.state("WY");
        for (String broken : List.of(
                ImportTest.HEADER + "56001,\"unterminated,COUNTY,WY,56,,America/Denver\n",
                ImportTest.HEADER + "56002,\"Quoted\"junk,COUNTY,WY,56,,America/Denver\n",
                "fips,name\n56003,Short\n")) {
            TestHttp.Response response = importCsv(broken);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json()).containsEntry("type", "urn:grantline:problem:malformed-csv");
            assertThat(response.json().get("detail").toString()).as(response.toString())
                    .doesNotContainPattern("java\\.|org\\.apache|Exception|\\$");
        }
    }

    @Test
    void aNulCharacterInAFieldRejectsTheRowNotTheServer() {
        fixtures.state("WY");
        String county = freshCounty();
        TestHttp.Response response = importCsv(ImportTest.HEADER + county + ",Nul\u0000County,COUNTY,WY,56,,America/Denver\n");
        assertThat(response.status()).as(response.toString()).isIn(200, 400);
        if (response.status() == 200) {
            assertThat(response.json()).containsEntry("created", 0);
            assertThat(response.body()).contains("name");
        }
    }
}
