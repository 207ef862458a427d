package org.grantline.gateway.auth;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;

/**
 * The sign-in throttle with its production limits (30 attempts a minute per client address, 10 per
 * account), kept in the gateway's database so that two gateway replicas share it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    Map<String, String> properties;
    EmbeddedServer replica;
    final List<String> users = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        properties.put("grantline.auth.throttle.per-address", "30");
        properties.put("grantline.auth.throttle.per-account", "10");
        return properties;
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        // Setting up signs in from 127.0.0.9, so the tests below start with full buckets on 127.0.0.1.
        String credentials = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}";
        GatewayTestSupport.RawResponse login = GatewayTestSupport.postFrom("127.0.0.9", server.getURL(), "/login", credentials, Map.of());
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String admin = login.text().replaceAll("(?s).*\"access_token\":\"([^\"]+)\".*", "$1");
        for (int i = 0; i < 9; i++) {
            users.add(createUser(http, admin, "t" + i, List.of(Roles.AUDITOR), null));
        }
        Map<String, Object> second = new HashMap<>(properties);
        second.put("micronaut.server.port", -1);
        replica = ApplicationContext.run(EmbeddedServer.class, second, "test");
    }

    @AfterAll
    void stopReplica() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void fortyWrongPasswordsOverEightAccountsFromOneAddressAcrossTwoReplicasGet429WithRetryAfter() throws Exception {
        TestHttp other = new TestHttp(replica.getURL().toString());
        long started = System.nanoTime();
        List<TestHttp.Response> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                TestHttp gateway = i % 2 == 0 ? http : other;
                sent.add(pool.submit(() -> answers.add(gateway.post("/login", null,
                        Map.of("username", users.get(n % 8), "password", "wrong password " + n)))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // 30 at once, then one more every 2 s as the bucket refills, whichever replica is asked.
        long refilled = (System.nanoTime() - started) / 2_000_000_000L + 1;
        List<TestHttp.Response> throttled = answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(answers).extracting(TestHttp.Response::status).containsOnly(401, 429);
        assertThat(answers.stream().filter(r -> r.status() == 401).count()).as("checked").isBetween(30L, 30 + refilled);
        assertThat(throttled).as("the rest are throttled").isNotEmpty();
        TestHttp.Response first = throttled.get(0);
        assertThat(first.isProblem()).isTrue();
        assertThat(first.json()).containsEntry("type", "urn:grantline:problem:too-many-requests");
        assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(1, 60);
        // The bucket earns one attempt back every 2 s, so on a slow machine a few attempts made after
        // the burst may still get through; an endpoint with a budget of its own would let 30 through.
        assertThat(attemptsBefore429(started, () -> http.post("/oauth/access_token", null,
                Map.of("grant_type", "refresh_token", "refresh_token", "x")).status()))
                .as("the token endpoint shares the address's budget").isLessThanOrEqualTo(refilledSince(started));
        assertThat(attemptsBefore429(started, () -> http.send("POST", "/web/session", null,
                Map.of("username", users.get(0), "password", PASSWORD), Map.of(WebCsrf.HEADER, "1")).status()))
                .as("and the web sign-in").isLessThanOrEqualTo(refilledSince(started));
    }

    /** Attempts at most one more than the bucket can have earned back; how many got through before a 429. */
    private static long attemptsBefore429(long started, java.util.function.IntSupplier attempt) {
        long through = 0;
        while (through <= refilledSince(started)) {
            int status = attempt.getAsInt();
            if (status == 429) {
                return through;
            }
            assertThat(status).as("an attempt the budget allowed is answered, not refused by the throttle").isNotEqualTo(500);
            through++;
        }
        return through;
    }

    private static long refilledSince(long started) {
        return (System.nanoTime() - started) / 2_000_000_000L + 1;
    }

    @Test
    void oneAccountIsThrottledWhicheverAddressesTheAttemptsComeFrom() {
        String target = users.get(8);
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 14; i++) {
            String json = "{\"username\":\"" + target + "\",\"password\":\"guess number " + i + "\"}";
            statuses.add(GatewayTestSupport.postFrom("127.0.0." + (20 + i), (i % 2 == 0 ? server : replica).getURL(),
                    "/login", json, Map.of()).status());
        }
        // 10 at once, then one more every 6 s as the bucket refills.
        long refilled = (System.nanoTime() - started) / 6_000_000_000L + 1;
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isBetween(10L, 10 + refilled);
        assertThat(statuses).as("past 10 a minute").contains(429);
    }
}
