package org.grantline.gateway.passkey;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
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
import static org.grantline.gateway.GatewayTestSupport.userId;

/**
 * Passkeys against webauthn4j's real verification, with a software authenticator in place of the
 * device: registering, signing in without password or code (also for a role that requires a second
 * factor), and every way a ceremony must fail — another origin (phishing), another key, a replayed
 * or borrowed challenge, a cloned key's counter, a disabled owner, a racing replay — plus who may
 * see and remove passkeys, the web session's sign-in, the admin reset and the audit trail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasskeyTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final String ORIGIN = "https://grantline.test";
    static final String PROBLEM = "urn:grantline:problem:";

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String admin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("grantline.passkeys.origins", ORIGIN);
        p.put("grantline.mfa.required-roles", Roles.LEGAL_OFFICER);
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> publicKey(TestHttp.Response options) {
        assertThat(options.status()).as(options.toString()).isEqualTo(200);
        return (Map<String, Object>) options.json().get("publicKey");
    }

    /** Registers a new passkey for the token's owner; answers the authenticator. */
    SoftAuthenticator register(String token, String name) {
        SoftAuthenticator device = new SoftAuthenticator(ORIGIN);
        TestHttp.Response options = http.post("/api/me/passkeys/registration", token, Map.of());
        TestHttp.Response created = http.post("/api/me/passkeys", token, Map.of("challengeId", options.json().get("challengeId"),
                "name", name, "credential", device.create(publicKey(options))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return device;
    }

    TestHttp.Response options() {
        return http.post("/login/passkey/options", null, Map.of());
    }

    TestHttp.Response signInWith(SoftAuthenticator device) {
        TestHttp.Response options = options();
        return http.post("/login/passkey", null, Map.of("challengeId", options.json().get("challengeId"),
                "credential", device.get(publicKey(options))));
    }

    List<String> actions(String username) {
        return audit.history("user", userId(http, admin, username)).stream().map(e -> e.action()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPasskeySignsInWithoutPasswordOrCodeEvenWhereTheRoleRequiresASecondFactor() {
        UUID city = UUID.randomUUID();
        String counsel = createUser(http, admin, "counsel", List.of(Roles.JURISDICTION_OFFICIAL), city);
        String token = GatewayTestSupport.accessToken(http, counsel);

        TestHttp.Response options = http.post("/api/me/passkeys/registration", token, Map.of());
        Map<String, Object> publicKey = publicKey(options);
        assertThat((Map<String, Object>) publicKey.get("rp")).containsEntry("id", "grantline.test");
        assertThat((Map<String, Object>) publicKey.get("authenticatorSelection"))
                .containsEntry("residentKey", "required").containsEntry("userVerification", "required");
        assertThat(publicKey).containsEntry("attestation", "none");
        assertThat(((Map<String, Object>) publicKey.get("user")).get("name")).isEqualTo(counsel);
        SoftAuthenticator device = new SoftAuthenticator(ORIGIN);
        TestHttp.Response created = http.post("/api/me/passkeys", token, Map.of("challengeId", options.json().get("challengeId"),
                "name", "Work laptop", "credential", device.create(publicKey)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.headers().get("location").get(0)).isEqualTo("/api/me/passkeys/" + created.json().get("id"));
        assertThat(created.body()).doesNotContain(device.id());
        // The second options exclude the passkey just made (one per authenticator).
        Map<String, Object> again = publicKey(http.post("/api/me/passkeys/registration", token, Map.of()));
        assertThat((List<Map<String, Object>>) again.get("excludeCredentials")).extracting(d -> d.get("id")).containsExactly(device.id());
        assertThat(http.get("/api/me/passkeys", token).body()).contains("\"name\":\"Work laptop\"").doesNotContain(device.id());

        // The role now requires a second factor: the password alone asks for enrolment, the passkey signs in.
        String id = userId(http, admin, counsel);
        assertThat(http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of(Roles.LEGAL_OFFICER),
                "jurisdictionId", city.toString())).status()).isEqualTo(200);
        TestHttp.Response password = http.post("/login", null, Map.of("username", counsel, "password", PASSWORD));
        assertThat(password.status()).isEqualTo(401);
        assertThat(password.json()).containsEntry("type", PROBLEM + "second-factor-enrolment-required");
        TestHttp.Response signedIn = signInWith(device);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(signedIn.json()).containsEntry("username", counsel).containsKeys("access_token", "refresh_token");
        Map<String, Object> me = http.get("/api/me", (String) signedIn.json().get("access_token")).json();
        assertThat((List<String>) me.get("roles")).containsExactly(Roles.LEGAL_OFFICER);
        assertThat(me).containsEntry("jurisdictionId", city.toString());
        assertThat(http.get("/api/me/second-factor", (String) signedIn.json().get("access_token")).json())
                .containsEntry("passkeys", 1);

        // The web app signs in the same way and gets its cookie.
        TestHttp.Response webOptions = options();
        TestHttp.Response web = http.send("POST", "/web/session/passkey", null, Map.of("challengeId", webOptions.json().get("challengeId"),
                "credential", device.get(publicKey(webOptions))), Map.of(WebCsrf.HEADER, "1"));
        assertThat(web.status()).as(web.toString()).isEqualTo(200);
        assertThat(web.headers().get("set-cookie").toString()).contains("grantline_refresh=").containsIgnoringCase("HttpOnly");
        assertThat(web.json()).doesNotContainKey("refresh_token");
        TestHttp.Response noCsrf = http.send("POST", "/web/session/passkey", null, Map.of("challengeId", UUID.randomUUID(),
                "credential", device.get(publicKey(options()))), Map.of());
        assertThat(noCsrf.status()).isEqualTo(403);

        assertThat(actions(counsel)).contains("passkey.registered", "passkey.signed-in");
    }

    @Test
    void everyForgedReplayedOrMisdirectedAnswerIsRefusedAndTheTrailSaysWhy() {
        String official = createUser(http, admin, "official", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        String token = GatewayTestSupport.accessToken(http, official);
        SoftAuthenticator device = register(token, "Phone");

        // Registration from another origin (a phishing page relaying the ceremony) is refused.
        SoftAuthenticator phished = new SoftAuthenticator("https://grantline-login.example");
        TestHttp.Response options = http.post("/api/me/passkeys/registration", token, Map.of());
        TestHttp.Response refused = http.post("/api/me/passkeys", token, Map.of("challengeId", options.json().get("challengeId"),
                "name", "Evil", "credential", phished.create(publicKey(options))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("type", PROBLEM + "passkey-invalid");
        // ... and its challenge is spent: a second try with it is refused too, even when right.
        assertThat(http.post("/api/me/passkeys", token, Map.of("challengeId", options.json().get("challengeId"), "name", "Again",
                "credential", new SoftAuthenticator(ORIGIN).create(publicKey(options)))).status()).isEqualTo(400);

        // Sign-in: phishing origin, another key, another relying party, a registration challenge, a replay.
        TestHttp.Response o1 = options();
        device.origin = "https://grantline-login.example";
        assertThat(http.post("/login/passkey", null, Map.of("challengeId", o1.json().get("challengeId"),
                "credential", device.get(publicKey(o1)))).status()).isEqualTo(401);
        device.origin = ORIGIN;
        TestHttp.Response o2 = options();
        assertThat(http.post("/login/passkey", null, Map.of("challengeId", o2.json().get("challengeId"),
                "credential", device.get(publicKey(o2), SoftAuthenticator.otherKey(), "grantline.test", 50))).status()).isEqualTo(401);
        TestHttp.Response o3 = options();
        assertThat(http.post("/login/passkey", null, Map.of("challengeId", o3.json().get("challengeId"),
                "credential", device.get(publicKey(o3), keyOf(device), "evil.example", 60))).status()).isEqualTo(401);
        TestHttp.Response registration = http.post("/api/me/passkeys/registration", token, Map.of());
        assertThat(http.post("/login/passkey", null, Map.of("challengeId", registration.json().get("challengeId"),
                "credential", device.get(publicKey(registration), keyOf(device), "grantline.test", 40))).status()).isEqualTo(401);
        TestHttp.Response o4 = options();
        Map<String, Object> answer = Map.of("challengeId", o4.json().get("challengeId"), "credential", device.get(publicKey(o4)));
        assertThat(http.post("/login/passkey", null, answer).status()).isEqualTo(200);
        assertThat(http.post("/login/passkey", null, answer).status()).as("a replay").isEqualTo(401);

        // A cloned key: its counter does not move past what the server saw.
        TestHttp.Response o5 = options();
        assertThat(http.post("/login/passkey", null, Map.of("challengeId", o5.json().get("challengeId"),
                "credential", device.get(publicKey(o5), keyOf(device), "grantline.test", 1))).status()).isEqualTo(401);
        assertThat(actions(official)).contains("passkey.failed");
        assertThat(audit.history("user", userId(http, admin, official)).stream()
                .filter(e -> e.action().equals("passkey.failed")).count()).isGreaterThanOrEqualTo(5);

        // Malformed answers are 400 problems, not 500s.
        List<Map<String, Object>> malformed = List.of(
                Map.of("challengeId", "x"),
                Map.of("challengeId", UUID.randomUUID(), "credential", Map.of("id", "not base64!", "type", "public-key",
                        "response", Map.of("clientDataJSON", "e30"))),
                Map.of("challengeId", UUID.randomUUID(), "credential", Map.of("id", device.id(), "type", "public-key",
                        "response", Map.of("clientDataJSON", "e30"))));
        for (Map<String, Object> bad : malformed) {
            TestHttp.Response r = http.post("/login/passkey", null, bad);
            assertThat(r.status()).as(bad + " -> " + r).isEqualTo(400);
            assertThat(r.isProblem()).isTrue();
        }
    }

    @Test
    void eightSignInsWithOneAnswerAtOnceSignInOnce() throws Exception {
        String official = createUser(http, admin, "racer", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        SoftAuthenticator device = register(GatewayTestSupport.accessToken(http, official), "Key");
        TestHttp.Response options = options();
        Map<String, Object> answer = Map.of("challengeId", options.json().get("challengeId"), "credential", device.get(publicKey(options)));
        CyclicBarrier start = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(pool.submit(() -> {
                    start.await();
                    return http.post("/login/passkey", null, answer).status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : tries) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheOwnerSeesAndRemovesTheirPasskeysAndADisabledOrResetOwnerCannotUseThem() {
        UUID city = UUID.randomUUID();
        String owner = createUser(http, admin, "owner", List.of(Roles.JURISDICTION_OFFICIAL), city);
        String other = createUser(http, admin, "other", List.of(Roles.JURISDICTION_OFFICIAL), city);
        String ownerToken = GatewayTestSupport.accessToken(http, owner);
        String otherToken = GatewayTestSupport.accessToken(http, other);
        SoftAuthenticator first = register(ownerToken, "First");
        SoftAuthenticator second = register(ownerToken, "Second");
        List<Map<String, Object>> mine = (List<Map<String, Object>>) (Object) http.get("/api/me/passkeys", ownerToken).jsonList();
        assertThat(mine).extracting(m -> m.get("name")).containsExactly("First", "Second");
        String firstId = (String) mine.get(0).get("id");
        assertThat(http.get("/api/me/passkeys", otherToken).body()).isEqualTo("[]");
        assertThat(http.delete("/api/me/passkeys/" + firstId, otherToken).status()).isEqualTo(404);
        assertThat(http.get("/api/me/passkeys", TestTokens.shared().service("grants")).status()).isIn(401, 403);
        assertThat(http.get("/api/me/passkeys", null).status()).isEqualTo(401);
        assertThat(http.delete("/api/me/passkeys/" + firstId, ownerToken).status()).isEqualTo(204);
        assertThat(signInWith(first).status()).as("a removed passkey").isEqualTo(401);
        assertThat(signInWith(second).status()).isEqualTo(200);

        String id = userId(http, admin, owner);
        assertThat(http.post("/api/users/" + id + "/disable", admin, Map.of()).status()).isEqualTo(200);
        assertThat(signInWith(second).status()).as("a disabled owner").isEqualTo(401);
        assertThat(http.post("/api/users/" + id + "/enable", admin, Map.of()).status()).isEqualTo(200);
        assertThat(signInWith(second).status()).isEqualTo(200);

        TestHttp.Response reset = http.post("/api/users/" + id + "/second-factor/reset", admin, Map.of());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json()).containsEntry("passkeys", 0);
        assertThat(signInWith(second).status()).as("after the admin's reset").isEqualTo(401);
        assertThat(actions(owner)).contains("passkey.removed", "mfa.reset");
    }

    private static java.security.KeyPair keyOf(SoftAuthenticator device) {
        return device.keyPair();
    }
}
