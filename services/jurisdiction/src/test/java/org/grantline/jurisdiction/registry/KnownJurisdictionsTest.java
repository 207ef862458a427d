package org.grantline.jurisdiction.registry;

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

/** Other services confirm the jurisdiction ids they are given in one request: which are known, which are not. */
@MicronautTest(transactional = false)
class KnownJurisdictionsTest extends RegistryTestBase {

    @Test
    void knownAndUnknownIdsAreToldApart() {
        String county = fixtures.county("VT", unique("Known County"));
        String unknown = UUID.randomUUID().toString();
        TestHttp.Response answer = http.post("/api/jurisdictions/known", TOKENS.service("grants"),
                Map.of("ids", List.of(county, unknown, county)));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("known", List.of(county)).containsEntry("unknown", List.of(unknown));
        assertThat(http.post("/api/jurisdictions/known", TOKENS.dojOfficer(), Map.of("ids", List.of())).json())
                .containsEntry("known", List.of());
    }

    @Test
    void onlyServicesDojAndAdminsAsk() {
        Map<String, Object> body = Map.of("ids", List.of(UUID.randomUUID().toString()));
        assertThat(http.post("/api/jurisdictions/known", TOKENS.official(UUID.randomUUID()), body).status()).isEqualTo(403);
        assertThat(http.post("/api/jurisdictions/known", TOKENS.auditor(), body).status()).isEqualTo(403);
        assertThat(http.post("/api/jurisdictions/known", null, body).status()).isEqualTo(401);
    }
}
