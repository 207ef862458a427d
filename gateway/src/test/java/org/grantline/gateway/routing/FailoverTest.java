package org.grantline.gateway.routing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.security.Roles;
import org.grantline.devtools.DevConsul;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover at the edge, against instances found through the Consul stand-in: a request that meets
 * a dead instance is retried on another one (GET, PUT, DELETE, and POST with an Idempotency-Key;
 * never a plain POST), the dead instance is taken out at once and put back when its health check
 * passes, and each change is one log line, not one per request. (Two real service processes
 * killed under load: e2e FailoverIT.)
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final DevConsul consul = new DevConsul();
    final StubService live = new StubService("jurisdiction-live");
    StubService dead = new StubService("jurisdiction-dead");
    final int deadPort = dead.port();

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String doj;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        consul.register("jurisdiction:live", "jurisdiction", "127.0.0.1", live.port(), live.url() + "/health");
        consul.register("jurisdiction:dead", "jurisdiction", "127.0.0.1", deadPort, dead.url() + "/health");
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("consul.client.default-zone", "127.0.0.1:" + consul.port());
        p.put("consul.client.discovery.enabled", "true");
        // The agent lists a dead instance as passing until its next check (held below): the gateway
        // must not depend on it.
        p.put("grantline.routing.health-probe-interval", "200ms");
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        String admin = GatewayTestSupport.accessToken(http, ADMIN);
        doj = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "doj", List.of(Roles.DOJ_OFFICER), null));
        logs.start();
        Logger routing = (Logger) LoggerFactory.getLogger("org.grantline.gateway.routing");
        routing.setLevel(ch.qos.logback.classic.Level.INFO);
        routing.addAppender(logs);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger("org.grantline.gateway.routing")).detachAppender(logs);
        live.close();
        dead.close();
        consul.close();
    }

    @Test
    void aDeadInstanceIsRetriedElsewhereTakenOutOnceAndPutBackWhenHealthy() {
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("/api/jurisdictions", doj).status()).isEqualTo(201);
        }
        assertThat(dead.received).as("both instances serve").isNotEmpty();

        // Consul still lists it (as it would until its next check): every kind of idempotent request
        // that meets it is retried on the live instance.
        consul.holdChecks(true);
        dead.close();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("/api/jurisdictions/" + i, doj).status()).as("GET " + i).isEqualTo(201);
                assertThat(http.put("/api/jurisdictions/" + i, doj, Map.of("name", "n" + i)).status()).as("PUT").isEqualTo(201);
                assertThat(http.delete("/api/jurisdictions/" + i, doj).status()).as("DELETE").isEqualTo(201);
                assertThat(http.send("POST", "/api/jurisdictions", doj, Map.of("fips", "24" + i),
                        Map.of("Idempotency-Key", "key-" + i)).status()).as("POST with a key").isEqualTo(201);
            }
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines.stream().filter(l -> l.contains("out of rotation")).count())
                    .as("one line when it goes out, whatever the number of requests: " + lines).isEqualTo(1);
            assertThat(lines).noneMatch(l -> l.contains("trying another"));
        } finally {
            consul.holdChecks(false);
        }

        dead = new StubService("jurisdiction-back", deadPort);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            http.get("/api/jurisdictions", doj);
            assertThat(dead.received).as("back in rotation once its health check passes").isNotEmpty();
        });
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.contains("back in rotation")).count())
                .isEqualTo(1);
    }

    @Test
    void anInstanceThatDiesMidRequestHasIdempotentRequestsRetriedElsewhereButNeverAPlainPost() {
        DroppingService dying = new DroppingService();
        consul.register("jurisdiction:dying", "jurisdiction", "127.0.0.1", dying.port(), "http://127.0.0.1:" + dying.port() + "/health");
        try {
            for (int i = 0; i < 8; i++) {
                assertThat(http.get("/api/jurisdictions/d" + i, doj).status()).as("GET " + i).isEqualTo(201);
                assertThat(http.send("POST", "/api/jurisdictions", doj, Map.of("fips", "33" + i),
                        Map.of("Idempotency-Key", "dying-" + i)).status()).as("POST with a key").isEqualTo(201);
            }
            assertThat(dying.received).as("the dying instance was tried").isNotEmpty();
            int dropped = 0;
            long postsAtTheDying = dying.received.stream().filter(l -> l.startsWith("POST")).count();
            int elsewhere = live.received.size() + dead.received.size();
            for (int i = 0; i < 8; i++) {
                int status = http.post("/api/jurisdictions", doj, Map.of("fips", "44" + i)).status();
                assertThat(status).isIn(201, 502);
                dropped += status == 502 ? 1 : 0;
            }
            assertThat(dropped).as("some plain POSTs met the dying instance").isPositive();
            assertThat(dying.received.stream().filter(l -> l.startsWith("POST")).count() - postsAtTheDying)
                    .as("each of them reached it once").isEqualTo(dropped);
            assertThat(live.received.size() + dead.received.size() - elsewhere)
                    .as("and none was sent again to another instance").isEqualTo(8 - dropped);
        } finally {
            consul.deregister("jurisdiction:dying");
            dying.close();
        }
    }
}
