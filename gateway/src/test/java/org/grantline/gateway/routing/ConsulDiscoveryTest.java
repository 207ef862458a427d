package org.grantline.gateway.routing;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.devtools.DevConsul;
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

/** Production routing: instances come from Consul (the development agent, which speaks its HTTP API), healthy ones only. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsulDiscoveryTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final DevConsul consul = new DevConsul();
    final StubService grantsA = new StubService("grants-a");
    final StubService grantsB = new StubService("grants-b");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String doj;

    @Override
    public Map<String, String> getProperties() {
        consul.register("grants:a", "grants", "127.0.0.1", grantsA.port(), grantsA.url() + "/health");
        consul.register("grants:b", "grants", "127.0.0.1", grantsB.port(), grantsB.url() + "/health");
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("consul.client.default-zone", "127.0.0.1:" + consul.port());
        p.put("consul.client.discovery.enabled", "true");
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        String admin = GatewayTestSupport.accessToken(http, ADMIN);
        doj = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "doj", List.of(Roles.DOJ_OFFICER), null));
    }

    @AfterAll
    void stop() {
        grantsA.close();
        grantsB.close();
        consul.close();
    }

    @Test
    void requestsGoToHealthyInstancesOnlyAnd503WhenNoneIs() {
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/api/awards", doj).status()).isEqualTo(201);
        }
        assertThat(grantsA.received).isNotEmpty();
        assertThat(grantsB.received).isNotEmpty();

        grantsA.healthy = false;
        // As with Consul, the instance leaves the rotation when the agent's next check (every second) fails.
        await().atMost(Duration.ofSeconds(5)).until(() -> consul.status("grants:a").orElseThrow().equals("critical"));
        int aBefore = grantsA.received.size();
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/api/awards", doj).status()).isEqualTo(201);
        }
        assertThat(grantsA.received).as("a failing health check takes the instance out").hasSize(aBefore);

        grantsB.healthy = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> consul.status("grants:b").orElseThrow().equals("critical"));
        TestHttp.Response none = http.get("/api/awards", doj);
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.isProblem()).isTrue();
    }

    @Test
    void aServiceUnknownToConsulIsA503() {
        assertThat(http.get("/api/documents", doj).status()).isEqualTo(503);
    }
}
