package org.grantline.gateway.mfa;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.NotificationsStandIn;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;
import static org.grantline.gateway.GatewayTestSupport.userId;

/**
 * Two-factor sign-in with the production setting (ADMIN, DOJ_OFFICER and LEGAL_OFFICER must have
 * a second factor), over real HTTP on PostgreSQL; codes are made from the key the gateway hands
 * out, as an authenticator app would.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final String PROBLEM = "urn:grantline:problem:";

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    final NotificationsStandIn notifications = new NotificationsStandIn();
    TestHttp http;
    String adminToken;
    String origin;
    /** The newest step each secret's code was sent for: an authenticator never shows a code twice. */
    final Map<String, Long> lastStep = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        properties.put("grantline.mfa.required-roles", "ADMIN,DOJ_OFFICER,LEGAL_OFFICER");
        properties.put("micronaut.http.services.notifications.urls", notifications.url());
        return properties;
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    @BeforeAll
    void enrolTheAdmin() {
        http = new TestHttp(server.getURL().toString());
        origin = "http://" + server.getHost() + ":" + server.getPort();
        adminToken = (String) enrolAtSignIn(ADMIN).tokens().get("access_token");
    }

    record Enrolled(String secret, Map<String, Object> tokens, List<String> recoveryCodes) {
    }

    TestHttp.Response password(String username) {
        return http.post("/login", null, Map.of("username", username, "password", PASSWORD));
    }

    String challenge(TestHttp.Response response, String kind) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json()).containsEntry("type", PROBLEM + kind).doesNotContainKey("access_token");
        return (String) response.json().get("challenge");
    }

    String nextCode(String secret) {
        long step = lastStep.merge(secret, Totp.step(Instant.now()), (old, now) -> Math.max(old + 1, now));
        return Totp.code(secret, step);
    }

    TestHttp.Response code(String challenge, String code) {
        return http.post("/login/second-factor", null, Map.of("challenge", challenge, "code", code));
    }

    @SuppressWarnings("unchecked")
    Enrolled enrolAtSignIn(String username) {
        String challenge = challenge(password(username), "second-factor-enrolment-required");
        TestHttp.Response enrolment = http.post("/login/second-factor/enrolment", null, Map.of("challenge", challenge));
        assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
        String secret = (String) enrolment.json().get("secret");
        TestHttp.Response done = code(challenge, nextCode(secret));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        return new Enrolled(secret, done.json(), (List<String>) done.json().get("recovery_codes"));
    }

    String signInWithCode(String username, String code) {
        TestHttp.Response done = code(challenge(password(username), "second-factor-required"), code);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        return (String) done.json().get("access_token");
    }

    List<String> actions(String username) {
        return audit.history("user", userId(http, adminToken, username)).stream().map(e -> e.action()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequiredRoleWithoutASecondFactorIsLedThroughEnrolmentAtSignIn() {
        String officer = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        TestHttp.Response first = password(officer);
        String challenge = challenge(first, "second-factor-enrolment-required");
        assertThat(first.json()).containsEntry("enrolment", true);

        TestHttp.Response enrolment = http.post("/login/second-factor/enrolment", null, Map.of("challenge", challenge));
        assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
        String secret = (String) enrolment.json().get("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat((String) enrolment.json().get("otpauthUri"))
                .isEqualTo("otpauth://totp/GrantLine:" + officer + "?secret=" + secret + "&issuer=GrantLine&algorithm=SHA1&digits=6&period=30");
        assertThat((String) enrolment.json().get("qrSvg")).startsWith("<svg").contains("<path");

        assertThat(code(challenge, "000000").json()).containsEntry("type", PROBLEM + "wrong-code");
        TestHttp.Response done = code(challenge, nextCode(secret));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json()).containsKeys("access_token", "refresh_token");
        List<String> recovery = (List<String>) done.json().get("recovery_codes");
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        assertThat(http.get("/api/me", (String) done.json().get("access_token")).status()).isEqualTo(200);

        // Refresh asks for no code.
        TestHttp.Response refreshed = http.post("/oauth/access_token", null,
                Map.of("grant_type", "refresh_token", "refresh_token", done.json().get("refresh_token")));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

        assertThat(actions(officer)).contains("mfa.enrolment-started", "mfa.failed", "mfa.enrolled");
        // The enrolment challenge is spent.
        assertThat(code(challenge, nextCode(secret)).json()).containsEntry("type", PROBLEM + "challenge-invalid");
    }

    @Test
    void signInAsksForTheCodeAndEachCodeWorksOnce() {
        String counsel = createUser(http, adminToken, "counsel", List.of(Roles.LEGAL_OFFICER), UUID.randomUUID());
        Enrolled enrolled = enrolAtSignIn(counsel);
        long enrolledStep = lastStep.get(enrolled.secret());

        TestHttp.Response again = password(counsel);
        String challenge = challenge(again, "second-factor-required");
        assertThat(again.json()).containsEntry("enrolment", false);
        // No new key for an account that has one.
        assertThat(http.post("/login/second-factor/enrolment", null, Map.of("challenge", challenge)).status()).isEqualTo(409);
        // The code that confirmed the enrolment was used in its step.
        assertThat(code(challenge, Totp.code(enrolled.secret(), enrolledStep)).json())
                .containsEntry("type", PROBLEM + "wrong-code");
        String next = nextCode(enrolled.secret());
        assertThat(code(challenge, next).status()).isEqualTo(200);
        // The same code on a fresh sign-in is refused: single use within its step.
        String fresh = challenge(password(counsel), "second-factor-required");
        assertThat(code(fresh, next).json()).containsEntry("type", PROBLEM + "wrong-code");
        assertThat(actions(counsel)).contains("mfa.failed");
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        String officer = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        Enrolled enrolled = enrolAtSignIn(officer);
        String recovery = enrolled.recoveryCodes().get(3);
        assertThat(signInWithCode(officer, recovery.toUpperCase())).isNotBlank();
        String challenge = challenge(password(officer), "second-factor-required");
        assertThat(code(challenge, recovery).json()).containsEntry("type", PROBLEM + "wrong-code");
        assertThat(actions(officer)).contains("mfa.recovery-code-used");
        String token = signInWithCode(officer, enrolled.recoveryCodes().get(4));
        assertThat(http.get("/api/me/second-factor", token).json())
                .containsEntry("enrolled", true).containsEntry("recoveryCodesLeft", 8).containsEntry("required", true);
    }

    @Test
    void fiveWrongCodesLockTheSecondFactorEvenForTheRightCode() {
        String officer = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        Enrolled enrolled = enrolAtSignIn(officer);
        String challenge = challenge(password(officer), "second-factor-required");
        for (int i = 0; i < 5; i++) {
            assertThat(code(challenge, "12345" + i).status()).isEqualTo(401);
        }
        // That challenge is spent, and the factor is locked on a new one.
        assertThat(code(challenge, nextCode(enrolled.secret())).json()).containsEntry("type", PROBLEM + "challenge-invalid");
        String fresh = challenge(password(officer), "second-factor-required");
        assertThat(code(fresh, nextCode(enrolled.secret())).json()).containsEntry("type", PROBLEM + "second-factor-locked");
        assertThat(audit.history("user", userId(http, adminToken, officer)).stream()
                .filter(e -> e.action().equals("mfa.failed")).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anAdministratorResetsASecondFactorTheUserEnrolsAgainAndTheirSessionsEnd() {
        String officer = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        Enrolled enrolled = enrolAtSignIn(officer);
        String officerToken = (String) enrolled.tokens().get("access_token");
        String id = userId(http, adminToken, officer);

        String auditor = createUser(http, adminToken, "auditor", List.of(Roles.AUDITOR), null);
        String auditorToken = GatewayTestSupport.accessToken(http, auditor);
        assertThat(http.post("/api/users/" + id + "/second-factor/reset", auditorToken, Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/users/" + id + "/second-factor/reset", officerToken, Map.of()).status()).isEqualTo(403);
        assertThat(http.get("/api/me", officerToken).status()).isEqualTo(200);

        TestHttp.Response reset = http.post("/api/users/" + id + "/second-factor/reset", adminToken, Map.of());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json()).containsEntry("enrolled", false).containsEntry("recoveryCodesLeft", 0)
                .containsEntry("userEmailed", false);   // created without an address
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/me", officerToken).status() == 401);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token",
                "refresh_token", enrolled.tokens().get("refresh_token"))).status()).isEqualTo(400);
        assertThat(actions(officer)).contains("mfa.reset");
        // Auditors see it in the gateway's trail.
        TestHttp.Response trail = http.get("/api/identity/audit?entityType=user&entityId=" + id, auditorToken);
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        assertThat(trail.body()).contains("\"mfa.reset\"", "\"actor\":\"" + ADMIN + "\"");
        // The old recovery codes are gone: the next sign-in leads through enrolment again.
        enrolAtSignIn(officer);
        assertThat(http.post("/api/users/" + UUID.randomUUID() + "/second-factor/reset", adminToken, Map.of()).status())
                .isEqualTo(404);
    }

    /**
     * The user is told of a reset at once, through notifications' account-notice path with the
     * gateway's own service token; with mail down the reset still stands (sessions ended), the answer
     * says the user was not emailed and the trail says why.
     */
    @Test
    void theUserIsEmailedOfAResetAndWithMailDownTheResetStandsAndTheTrailSaysSo() {
        String officer = GatewayTestSupport.unique("doj");
        String address = officer + "@doj.test";
        assertThat(http.post("/api/users", adminToken, Map.of("username", officer, "displayName", "Dora Officer", "email", address,
                "password", PASSWORD, "roles", List.of(Roles.DOJ_OFFICER))).status()).isEqualTo(201);
        String id = userId(http, adminToken, officer);
        enrolAtSignIn(officer);

        TestHttp.Response reset = http.post("/api/users/" + id + "/second-factor/reset", adminToken, Map.of());
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json()).containsEntry("enrolled", false).containsEntry("userEmailed", true);
        NotificationsStandIn.Received notice = notifications.to(NotificationsStandIn.ACCOUNT_NOTICES).stream()
                .filter(r -> address.equals(r.field("to"))).findFirst().orElseThrow();
        assertThat(notice.field("kind")).isEqualTo("SECOND_FACTOR_RESET");
        assertThat(notice.field("username")).isEqualTo(officer);
        assertThat(notice.field("userId")).isEqualTo(id);
        assertThat(notice.field("by")).isEqualTo(ADMIN);
        String payload = new String(Base64.getUrlDecoder().decode(notice.authorization().substring("Bearer ".length()).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"gateway\"", "SERVICE");
        assertThat(actions(officer)).contains("mfa.reset").doesNotContain("mfa.reset-not-emailed");

        enrolAtSignIn(officer);
        notifications.failing = true;
        try {
            TestHttp.Response unmailed = http.post("/api/users/" + id + "/second-factor/reset", adminToken, Map.of());
            assertThat(unmailed.status()).as(unmailed.toString()).isEqualTo(200);
            assertThat(unmailed.json()).containsEntry("enrolled", false).containsEntry("userEmailed", false);
        } finally {
            notifications.failing = false;
        }
        assertThat(actions(officer).stream().filter("mfa.reset"::equals).count()).isEqualTo(2);
        assertThat(actions(officer)).contains("mfa.reset-not-emailed");
        // The reset stood: the next sign-in leads through enrolment again.
        challenge(password(officer), "second-factor-enrolment-required");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoleWithoutTheRequirementSignsInWithThePasswordAndMaySetUpASecondFactor() {
        String official = createUser(http, adminToken, "official", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        String token = GatewayTestSupport.accessToken(http, official);
        assertThat(http.get("/api/me/second-factor", token).json())
                .containsEntry("enrolled", false).containsEntry("pending", false).containsEntry("required", false);
        String first = (String) http.post("/api/me/second-factor/enrolment", token, Map.of()).json().get("secret");
        String secret = (String) http.post("/api/me/second-factor/enrolment", token, Map.of()).json().get("secret");
        assertThat(secret).isNotEqualTo(first);   // starting again replaces a key never confirmed
        assertThat(http.get("/api/me/second-factor", token).json()).containsEntry("pending", true);
        assertThat(http.post("/api/me/second-factor/enrolment/confirm", token,
                Map.of("code", Totp.code(first, Totp.step(Instant.now())))).status()).isEqualTo(401);
        TestHttp.Response confirmed = http.post("/api/me/second-factor/enrolment/confirm", token,
                Map.of("code", nextCode(secret)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat((List<String>) confirmed.json().get("recoveryCodes")).hasSize(10);
        assertThat(http.post("/api/me/second-factor/enrolment", token, Map.of()).json())
                .containsEntry("type", PROBLEM + "second-factor-exists");
        assertThat(signInWithCode(official, nextCode(secret))).isNotBlank();
    }

    @Test
    void eightCodesAtOnceForOneChallengeSignInOnce() throws Exception {
        String officer = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        Enrolled enrolled = enrolAtSignIn(officer);
        String challenge = challenge(password(officer), "second-factor-required");
        String code = nextCode(enrolled.secret());
        CyclicBarrier barrier = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return code(challenge, code).status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bodiesAreTakenLiterally() {
        TestHttp.Response wrongType = http.post("/login/second-factor", null, Map.of("challenge", 5, "code", "123456"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.isProblem()).isTrue();
        assertThat(http.post("/login/second-factor", null, Map.of("challenge", "x")).status()).isEqualTo(400);
        assertThat(http.post("/login/second-factor", null, Map.of("challenge", "nope", "code", "123456")).json())
                .containsEntry("type", PROBLEM + "challenge-invalid");
    }

    @Test
    void theWebAppSignsInWithTheCodeIntoItsCookieSession() {
        String counsel = createUser(http, adminToken, "counsel", List.of(Roles.LEGAL_OFFICER), UUID.randomUUID());
        Enrolled enrolled = enrolAtSignIn(counsel);
        Map<String, String> web = Map.of(WebCsrf.HEADER, "1", "Origin", origin);
        TestHttp.Response signIn = http.send("POST", "/web/session", null, Map.of("username", counsel, "password", PASSWORD), web);
        String challenge = challenge(signIn, "second-factor-required");
        assertThat(signIn.headers().getOrDefault("set-cookie", List.of())).isEmpty();
        String code = nextCode(enrolled.secret());
        assertThat(http.send("POST", "/web/session/second-factor", null, Map.of("challenge", challenge, "code", code),
                Map.of("Origin", origin)).status()).as("without the web header").isEqualTo(403);
        TestHttp.Response done = http.send("POST", "/web/session/second-factor", null,
                Map.of("challenge", challenge, "code", code), web);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json()).containsKey("access_token").doesNotContainKey("refresh_token");
        String cookie = done.headers().get("set-cookie").get(0).split(";")[0];
        TestHttp.Response refreshed = http.send("POST", "/web/session/refresh", null, null,
                Map.of(WebCsrf.HEADER, "1", "Origin", origin, "Cookie", cookie));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    }
}
