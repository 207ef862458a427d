package org.grantline.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.createUser;

/** Static instances, as on the embedded default: two of grants, one slow documents, no notifications. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final StubService grantsA = new StubService("grants-a");
    final StubService grantsB = new StubService("grants-b");
    final StubService jurisdiction = new StubService("jurisdiction-1");
    final StubService slowDocuments = new StubService("documents-slow");

    @Inject
    EmbeddedServer server;
    @Inject
    MeterRegistry meters;
    TestHttp http;
    String admin;
    String doj;
    String auditor;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.grants.urls", grantsA.url() + "," + grantsB.url());
        p.put("micronaut.http.services.jurisdiction.urls", jurisdiction.url());
        p.put("micronaut.http.services.documents.urls", slowDocuments.url());
        p.put("micronaut.http.services.documents.read-timeout", "1s");
        p.put("micronaut.http.client.read-timeout", "1s");
        // notifications: port 1 on loopback, where nothing listens
        p.put("micronaut.http.services.notifications.urls", "http://127.0.0.1:1");
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
        doj = GatewayTestSupport.accessToken(http, createUser(http, admin, "doj", List.of(Roles.DOJ_OFFICER), null));
        auditor = GatewayTestSupport.accessToken(http, createUser(http, admin, "auditor", List.of(Roles.AUDITOR), null));
    }

    @AfterAll
    void stopStubs() {
        grantsA.close();
        grantsB.close();
        jurisdiction.close();
        slowDocuments.close();
    }

    @Test
    void requestsSpreadOverBothInstancesWithTokenAndRequestIdCarriedOn() {
        grantsA.received.clear();
        grantsB.received.clear();
        for (int i = 0; i < 10; i++) {
            TestHttp.Response response = http.send("GET", "/api/awards/" + i + "?fiscalYear=2017", doj, null,
                    Map.of("X-Request-Id", "route-" + i, "Cookie", "session=secret"));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.header("X-Request-Id")).isEqualTo("route-" + i);
        }
        assertThat(grantsA.received).as("A got %d, B got %d", grantsA.received.size(), grantsB.received.size()).isNotEmpty();
        assertThat(grantsB.received).isNotEmpty();
        assertThat(grantsA.received.size() + grantsB.received.size()).isEqualTo(10);
        StubService.Received first = grantsA.received.get(0);
        assertThat(first.pathAndQuery()).matches("/api/awards/\\d\\?fiscalYear=2017");
        assertThat(first.header("Authorization")).isEqualTo("Bearer " + doj);
        assertThat(first.header("X-Request-Id")).startsWith("route-");
        assertThat(first.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(first.header("Cookie")).isNull();
    }

    /** The proxy's own calls are not timed a second time: their latency is in the server's per-route timings. */
    @Test
    void forwardedRequestsAreTimedOnceAsServerRequestsNotAgainAsClientRequests() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/awards/metered-" + i, doj).status()).isEqualTo(201);
        }
        assertThat(meters.find("http.server.requests").timers()).as("server timings").isNotEmpty();
        assertThat(meters.find("http.client.requests").timers()).as("client timings of forwarded calls").isEmpty();
    }

    @Test
    void everyPrefixOfTheRouteTableReachesItsService() {
        Map<String, StubService> expected = Map.of("/api/jurisdictions", jurisdiction, "/api/programs", grantsA,
                "/api/certifications", grantsA, "/api/court-orders", grantsA);
        expected.forEach((path, stub) -> {
            TestHttp.Response response = http.get(path + "/x", doj);
            assertThat(response.status()).as(path).isEqualTo(201);
            assertThat(response.json().get("instance").toString()).startsWith(stub.name.substring(0, 6));
        });
        assertThat(http.get("/api/awardsx", doj).status()).as("a prefix matches whole segments only").isEqualTo(404);
    }

    @Test
    void aPostBodyIsForwardedAsIs() {
        grantsA.received.clear();
        grantsB.received.clear();
        TestHttp.Response response = http.post("/api/awards", doj, Map.of("awardNumber", "2017-DJ-BX-0775", "amount", "68114.00"));
        assertThat(response.status()).isEqualTo(201);
        List<StubService.Received> all = new java.util.ArrayList<>(grantsA.received);
        all.addAll(grantsB.received);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).method()).isEqualTo("POST");
        assertThat(all.get(0).body()).contains("2017-DJ-BX-0775").contains("68114.00");
    }

    @Test
    void noInstanceIsA503ProblemWithinASecond() {
        long start = System.nanoTime();
        TestHttp.Response response = http.get("/api/notifications", doj);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json()).containsEntry("type", "urn:grantline:problem:service-unavailable");
        assertThat(millis).isLessThan(1000);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504() {
        slowDocuments.delayMillis = 3000;
        TestHttp.Response response = http.get("/api/documents/1", doj);
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.json()).containsEntry("type", "urn:grantline:problem:upstream-timeout");
    }

    @Test
    void nothingLeavesTheGatewayWithoutAValidToken() {
        int before = grantsA.received.size() + grantsB.received.size();
        assertThat(http.get("/api/awards", null).status()).isEqualTo(401);
        assertThat(http.get("/api/awards", "garbage").status()).isEqualTo(401);
        assertThat(grantsA.received.size() + grantsB.received.size()).isEqualTo(before);
    }

    @Test
    void auditorsAreReadOnlyAtTheEdge() {
        assertThat(http.get("/api/awards", auditor).status()).isEqualTo(201);
        TestHttp.Response write = http.post("/api/awards", auditor, Map.of("x", 1));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.isProblem()).isTrue();
    }

    /**
     * Log lines written while a request is served carry its id in the logging context (MDC
     * {@code requestId}), on the event loop (the access log) and on the blocking pool (the login
     * service), and only that request's: the id is taken off the thread again afterwards.
     */
    @Test
    void logLinesCarryTheirOwnRequestsIdOnEveryThread() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                // Read on the logging thread at the moment of logging, as the async appender does.
                lines.add(event.getLoggerName() + " | " + event.getFormattedMessage() + " | "
                        + org.slf4j.MDC.get("requestId"));
            }
        };
        capture.start();
        ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("grantline.access");
        ch.qos.logback.classic.Logger login = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.grantline.gateway.auth.LoginService.class);
        access.addAppender(capture);
        login.addAppender(capture);
        access.setLevel(ch.qos.logback.classic.Level.INFO);   // the tests' logback config logs warnings only
        login.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(http.send("GET", "/api/awards/mdc-" + i, doj, null, Map.of("X-Request-Id", "mdc-" + i)).status())
                        .isEqualTo(201);
            }
            TestHttp.Response signIn = http.send("POST", "/login", null,
                    Map.of("username", ADMIN, "password", GatewayTestSupport.PASSWORD), Map.of("X-Request-Id", "mdc-login"));
            assertThat(signIn.status()).isEqualTo(200);
            assertThat(http.get("/api/awards/mdc-none", doj).status()).isEqualTo(201);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> lines.stream().anyMatch(l -> l.contains("/api/awards/mdc-none")));
        } finally {
            access.setLevel(null);
            login.setLevel(null);
            access.detachAppender(capture);
            login.detachAppender(capture);
        }
        for (int i = 0; i < 3; i++) {
            String path = "/api/awards/mdc-" + i + " ";
            String id = " | mdc-" + i;
            assertThat(lines).as(lines.toString()).anyMatch(l -> l.startsWith("grantline.access") && l.contains(path))
                    .filteredOn(l -> l.contains(path)).allMatch(l -> l.endsWith(id));
        }
        assertThat(lines).filteredOn(l -> l.contains("Login of '" + ADMIN + "'")).isNotEmpty()
                .allMatch(l -> l.endsWith(" | mdc-login"));
        assertThat(lines).filteredOn(l -> l.contains("POST /login ")).isNotEmpty().allMatch(l -> l.endsWith(" | mdc-login"));
        // A request without an id gets a fresh one, not the id of the request the thread served before.
        assertThat(lines).filteredOn(l -> l.contains("/api/awards/mdc-none")).singleElement()
                .satisfies(l -> assertThat(l).doesNotContain("| mdc-").matches(".* \\| [0-9a-f-]{36}$"));
    }

    @Test
    void dotSegmentsAndEncodedSlashesAreRefused() {
        for (String path : List.of("/api/jurisdictions/../users", "/api/jurisdictions/%2e%2e/users",
                "/api/jurisdictions/a%2Fb", "/api/jurisdictions/a%5cb", "/api/jurisdictions/./x")) {
            TestHttp.Response response = http.get(path, doj);
            assertThat(response.status()).as(path).isIn(400, 404);
            assertThat(response.body()).doesNotContain("instance");
        }
    }
}
