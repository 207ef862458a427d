package org.grantline.gateway.auth;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;

/**
 * Sign-in under attack, the lock alone (the throttle is set out of the way here; SignInThrottleTest
 * covers it): a burst of wrong passwords with the right one among them never signs in and leaves
 * the account locked for that address, other addresses still get in, an admin can unlock, and
 * passwords bcrypt cannot take are a 400, never a 500.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInRaceTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final String TOO_LONG = "x".repeat(73);

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("grantline.auth.throttle.per-address", "10000");
        p.put("grantline.auth.throttle.per-account", "10000");
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
    }

    List<Integer> burst(String username, int wrong) throws Exception {
        int total = wrong + 1;
        CyclicBarrier start = new CyclicBarrier(total);
        ExecutorService pool = Executors.newFixedThreadPool(total);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            int right = total / 2;
            for (int i = 0; i < total; i++) {
                String password = i == right ? PASSWORD : "wrong guess " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post("/login", null, Map.of("username", username, "password", password)).status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixtyWrongPasswordsAndTheRightOneAtOnceDoNotSignInAndLeaveTheAccountLocked() throws Exception {
        String victim = createUser(http, admin, "burst", List.of(Roles.AUDITOR), null);
        List<Integer> statuses = burst(victim, 60);
        assertThat(statuses).as("no attempt of the burst signs in").doesNotContain(200).containsOnly(401);
        assertThat(http.post("/login", null, Map.of("username", victim, "password", PASSWORD)).status())
                .as("the account is locked for this address afterwards").isEqualTo(401);
    }

    @Test
    void theLockHoldsForTheAttackingAddressOnlyAndAnAdminCanLiftIt() throws Exception {
        String victim = createUser(http, admin, "victim", List.of(Roles.AUDITOR), null);
        assertThat(burst(victim, 10)).doesNotContain(200);
        String credentials = "{\"username\":\"" + victim + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(GatewayTestSupport.postFrom("127.0.0.1", server.getURL(), "/login", credentials, Map.of()).status())
                .as("locked for the attacker's address").isEqualTo(401);
        assertThat(GatewayTestSupport.postFrom("127.0.0.2", server.getURL(), "/login", credentials, Map.of()).status())
                .as("the user signs in from elsewhere").isEqualTo(200);

        String id = findId(victim);
        TestHttp.Response user = http.get("/api/users/" + id, admin);
        assertThat(user.json().get("lockedUntil")).as("the admin sees the lock").isNotNull();
        assertThat(http.post("/api/users/" + id + "/unlock", admin, "").status())
                .isEqualTo(200);
        assertThat(http.post("/login", null, Map.of("username", victim, "password", PASSWORD)).status())
                .as("unlocked by the admin").isEqualTo(200);
        assertThat(audit.history("user", id)).extracting(e -> e.action()).contains("user.locked", "user.unlocked");
    }

    @Test
    void onlyAnAdminUnlocks() {
        String someone = createUser(http, admin, "someone", List.of(Roles.DOJ_OFFICER), null);
        String token = GatewayTestSupport.accessToken(http, someone);
        assertThat(http.post("/api/users/" + findId(someone) + "/unlock", token, "").status()).isEqualTo(403);
        assertThat(http.post("/api/users/" + UUID.randomUUID() + "/unlock", admin, "").status()).isEqualTo(404);
    }

    @Test
    void aPasswordLongerThan72BytesIsA400ForAnyUsernameNeverA500() {
        String known = createUser(http, admin, "long", List.of(Roles.AUDITOR), null);
        String multibyte = "é".repeat(40);   // 40 characters, 80 bytes
        for (String username : List.of(known, "nobody-" + UUID.randomUUID().toString().substring(0, 8))) {
            for (String password : List.of(TOO_LONG, multibyte, "x".repeat(199))) {
                TestHttp.Response response = http.post("/login", null, Map.of("username", username, "password", password));
                assertThat(response.status()).as(username + " / " + password.length()).isEqualTo(400);
                assertThat(response.isProblem()).isTrue();
                assertThat(response.body()).contains("password").contains("72 bytes");
            }
        }
        TestHttp.Response web = http.send("POST", "/web/session", null, Map.of("username", known, "password", multibyte),
                Map.of("X-GrantLine-Web", "1"));
        assertThat(web.status()).isEqualTo(400);
        assertThat(http.post("/login", null, Map.of("username", known, "password", PASSWORD)).status())
                .as("refused passwords count as no failure").isEqualTo(200);
    }

    @Test
    void aNewUsersPasswordMayNotExceed72BytesEither() {
        TestHttp.Response created = http.post("/api/users", admin, Map.of("username", GatewayTestSupport.unique("bytes"),
                "displayName", "Bytes", "password", "é".repeat(40), "roles", List.of(Roles.AUDITOR)));
        assertThat(created.status()).as(created.toString()).isEqualTo(400);
        assertThat(created.json().toString()).contains("password");
    }

    String findId(String username) {
        return GatewayTestSupport.userId(http, admin, username);
    }
}
