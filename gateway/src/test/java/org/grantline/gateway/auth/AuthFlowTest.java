package org.grantline.gateway.auth;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;
import static org.grantline.gateway.GatewayTestSupport.login;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    @Inject
    RefreshTokenRepository refreshTokens;
    @Inject
    RefreshTokenCleanup cleanup;
    @Inject
    org.grantline.gateway.user.AppUserRepository users;
    TestHttp http;
    String adminToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        properties.put("grantline.auth.lockout", "2s");
        return properties;
    }

    @BeforeAll
    void signInAsAdmin() {
        http = new TestHttp(server.getURL().toString());
        adminToken = GatewayTestSupport.accessToken(http, ADMIN);
    }

    @Test
    void loginAnswersAShortLivedRs256TokenWithEveryClaimVerifiableAgainstTheJwks() throws Exception {
        UUID baltimore = UUID.randomUUID();
        String official = createUser(http, adminToken, "official", List.of(Roles.JURISDICTION_OFFICIAL), baltimore);
        Map<String, Object> tokens = login(http, official, PASSWORD);
        assertThat(tokens).containsEntry("token_type", "Bearer").containsKey("refresh_token");
        assertThat(((Number) tokens.get("expires_in")).longValue()).isBetween(1L, 900L);

        SignedJWT jwt = SignedJWT.parse((String) tokens.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWKSet jwks = JWKSet.parse(http.get("/keys", null).body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(official);
        assertThat(claims.getIssuer()).isEqualTo("grantline");
        assertThat(claims.getAudience()).containsExactly("grantline");
        assertThat(claims.getStringListClaim("roles")).containsExactly(Roles.JURISDICTION_OFFICIAL);
        assertThat(claims.getStringClaim("jurisdiction")).isEqualTo(baltimore.toString());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isNotNull();
        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).isLessThanOrEqualTo(Duration.ofMinutes(15)).isPositive();

        TestHttp.Response me = http.get("/api/me", (String) tokens.get("access_token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).containsEntry("username", official)
                .containsEntry("jurisdictionId", baltimore.toString());
        assertThat(me.json().get("roles")).isEqualTo(List.of(Roles.JURISDICTION_OFFICIAL));
    }

    @Test
    void anUnknownUserAndAWrongPasswordLookTheSame() {
        String user = createUser(http, adminToken, "doj", List.of(Roles.DOJ_OFFICER), null);
        TestHttp.Response unknown = http.post("/login", null, Map.of("username", "nobody-" + UUID.randomUUID(), "password", "whatever-it-is"));
        TestHttp.Response wrong = http.post("/login", null, Map.of("username", user, "password", "whatever-it-is"));
        assertThat(unknown.status()).isEqualTo(401).isEqualTo(wrong.status());
        Map<String, Object> a = new HashMap<>(unknown.json());
        Map<String, Object> b = new HashMap<>(wrong.json());
        a.remove("requestId");
        b.remove("requestId");
        assertThat(a).isEqualTo(b);
        assertThat(unknown.isProblem()).isTrue();
    }

    @Test
    void repeatedFailuresLockOnlyThatAccountForAWhile() {
        String victim = createUser(http, adminToken, "victim", List.of(Roles.AUDITOR), null);
        String bystander = createUser(http, adminToken, "bystander", List.of(Roles.AUDITOR), null);
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/login", null, Map.of("username", victim, "password", "guess-" + i)).status()).isEqualTo(401);
        }
        TestHttp.Response locked = http.post("/login", null, Map.of("username", victim, "password", PASSWORD));
        assertThat(locked.status()).as("the right password does not open a locked account").isEqualTo(401);
        assertThat(http.post("/login", null, Map.of("username", bystander, "password", PASSWORD)).status())
                .as("lockout is per account, not per address").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.post("/login", null, Map.of("username", victim, "password", PASSWORD)).status()).isEqualTo(200));
    }

    @Test
    void aRefreshTokenIsUsedOnceAndReusingItEndsTheSession() {
        String user = createUser(http, adminToken, "refresher", List.of(Roles.DOJ_OFFICER), null);
        String first = (String) login(http, user, PASSWORD).get("refresh_token");

        TestHttp.Response refreshed = http.send("POST", "/oauth/access_token", null,
                "grant_type=refresh_token&refresh_token=" + first, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = (String) refreshed.json().get("refresh_token");
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/api/me", (String) refreshed.json().get("access_token")).status()).isEqualTo(200);

        TestHttp.Response replay = http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", first));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json()).containsEntry("error", "invalid_grant");
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", second)).status())
                .as("replaying a used token revokes the whole session").isEqualTo(400);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String user = createUser(http, adminToken, "leaver", List.of(Roles.AUDITOR), null);
        String refresh = (String) login(http, user, PASSWORD).get("refresh_token");
        assertThat(http.post("/logout", null, Map.of("refresh_token", refresh)).status()).isEqualTo(204);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", refresh)).status())
                .isEqualTo(400);
    }

    @Test
    void aDisabledUserCanNeitherLogInNorRefresh() {
        String user = GatewayTestSupport.unique("disabled");
        String id = (String) http.post("/api/users", adminToken, Map.of("username", user, "displayName", "To be disabled",
                "password", PASSWORD, "roles", List.of(Roles.DOJ_OFFICER))).json().get("id");
        String refresh = (String) login(http, user, PASSWORD).get("refresh_token");
        assertThat(http.post("/api/users/" + id + "/disable", adminToken, "").status()).isEqualTo(200);

        assertThat(http.post("/login", null, Map.of("username", user, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", refresh)).status())
                .isEqualTo(400);
    }

    @Test
    void aServiceGetsATokenForItselfWithItsOwnSecretOnly() throws Exception {
        TestHttp.Response granted = http.send("POST", "/oauth/access_token", null,
                "grant_type=client_credentials&client_id=notifications&client_secret=" + GatewayTestSupport.NOTIFICATIONS_SECRET,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse((String) granted.json().get("access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("notifications");
        assertThat(claims.getStringListClaim("roles")).containsExactly(Roles.SERVICE);
        assertThat(granted.json().get("refresh_token")).isNull();

        TestHttp.Response wrongSecret = http.post("/oauth/access_token", null, Map.of("grant_type", "client_credentials",
                "client_id", "notifications", "client_secret", "guess"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        TestHttp.Response otherService = http.post("/oauth/access_token", null, Map.of("grant_type", "client_credentials",
                "client_id", "grants", "client_secret", GatewayTestSupport.NOTIFICATIONS_SECRET));
        assertThat(otherService.status()).as("a client without a configured secret is disabled").isEqualTo(401);
    }

    @Test
    void refreshTokensADayPastTheirExpiryAreDeletedAndOthersKept() {
        String user = createUser(http, adminToken, "expiring", List.of(Roles.AUDITOR), null);
        java.util.UUID userId = users.findByUsername(user).orElseThrow().id();
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String stale = "stale-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        refreshTokens.save(new RefreshToken(UUID.randomUUID(), userId, UUID.randomUUID(), Secrets.sha256(stale),
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(2)), null));
        refreshTokens.save(new RefreshToken(UUID.randomUUID(), userId, UUID.randomUUID(), Secrets.sha256(recent),
                now.minus(Duration.ofHours(9)), now.minus(Duration.ofHours(1)), null));
        cleanup.deleteExpired();
        assertThat(refreshTokens.findByTokenHash(Secrets.sha256(stale))).isEmpty();
        assertThat(refreshTokens.findByTokenHash(Secrets.sha256(recent))).as("replays of it are still recognised").isPresent();
    }

    @Test
    void badLoginRequestsAreProblemsNotServerErrors() {
        assertThat(http.post("/login", null, Map.of("username", "x")).status()).isEqualTo(400);
        assertThat(http.post("/login", null, "{not json").status()).isEqualTo(400);
        TestHttp.Response grant = http.post("/oauth/access_token", null, Map.of("grant_type", "password"));
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json()).containsEntry("error", "unsupported_grant_type");
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token")).status()).isEqualTo(400);
    }
}
