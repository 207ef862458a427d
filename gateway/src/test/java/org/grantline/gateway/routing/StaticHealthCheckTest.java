package org.grantline.gateway.routing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.createUser;

/**
 * The embedded default's static instances are health-checked (every second here, 3 s in
 * application-static.yml). Healthy instances are preferred; but when the last check of every
 * instance of a service failed (a moment of load, a revocation list read late), one is tried all the
 * same rather than answering 503 to everyone until the next check passes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticHealthCheckTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final StubService healthyGrants = new StubService("grants-healthy");
    final StubService sickGrants = new StubService("grants-sick");
    final StubService onlyJurisdiction = new StubService("jurisdiction-only");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String doj;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.grants.urls", healthyGrants.url() + "," + sickGrants.url());
        p.put("micronaut.http.services.jurisdiction.urls", onlyJurisdiction.url());
        for (String service : List.of("grants", "jurisdiction")) {
            p.put("micronaut.http.services." + service + ".health-check", "true");
            p.put("micronaut.http.services." + service + ".health-check-interval", "1s");
            p.put("micronaut.http.services." + service + ".health-check-uri", "/health");
        }
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        String admin = GatewayTestSupport.accessToken(http, ADMIN);
        doj = GatewayTestSupport.accessToken(http, createUser(http, admin, "doj", List.of(Roles.DOJ_OFFICER), null));
    }

    @AfterAll
    void stopStubs() {
        healthyGrants.close();
        sickGrants.close();
        onlyJurisdiction.close();
    }

    @Test
    void aFailingHealthCheckTakesAnInstanceOutWhileAnotherIsHealthyButNeverTheLastOne() throws Exception {
        sickGrants.healthy = false;
        onlyJurisdiction.healthy = false;
        Thread.sleep(2500);   // two checks of each
        int sickBefore = sickGrants.received.size();
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/api/awards", doj).header("X-Instance")).isEqualTo("grants-healthy");
        }
        assertThat(sickGrants.received).as("the healthy instance takes them all").hasSize(sickBefore);

        TestHttp.Response only = http.get("/api/jurisdictions", doj);
        assertThat(only.status()).as("the only instance is tried although its last check failed").isEqualTo(201);
        assertThat(only.header("X-Instance")).isEqualTo("jurisdiction-only");

        onlyJurisdiction.healthy = true;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/api/jurisdictions", doj).status()).isEqualTo(201));
    }
}
