package org.grantline.shared.test;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.grantline.shared.security.Roles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service proves about itself, called directly (not through the gateway): it checks
 * each token on its own and refuses the whole attack set with 401, refuses revoked tokens within
 * the bound (5 s) and every person's token while it cannot read the revocation list, ignores
 * identity headers a client could set, marks private answers {@code Cache-Control: no-store},
 * serves health status and its OpenAPI document without a token but metrics and health details to
 * admins only. A service's test extends this, adds {@code @MicronautTest}, and names one protected
 * GET path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceSecurityContract implements TestPropertyProvider {
    protected static final TestTokens TOKENS = TestTokens.shared();

    @Inject
    protected EmbeddedServer server;
    protected TestHttp http;

    /** The service's name, as in {@code micronaut.application.name}. */
    protected abstract String service();

    /** A GET endpoint any authenticated role may call. */
    protected abstract String protectedPath();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties(service());
    }

    @BeforeAll
    void startClient() {
        http = new TestHttp(server.getURL().toString());
    }

    Stream<String> attacks() {
        return TOKENS.attacks().keySet().stream();
    }

    /** How soon a revocation must take hold at this service (README: "within 5 seconds"). */
    protected static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);

    @Test
    void aValidTokenIsAcceptedAndThePrivateAnswerIsNotCached() {
        TestHttp.Response response = http.get(protectedPath(), TOKENS.auditor());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aRevokedUsersTokensAreRefusedWithinTheBoundAndANewSignInWorks() {
        String subject = "revoked." + UUID.randomUUID();
        String old = TOKENS.sessionToken(subject, List.of(Roles.DOJ_OFFICER), UUID.randomUUID(), 3);
        assertThat(http.get(protectedPath(), old).status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        TOKENS.revokeSubject(subject, 4);
        await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get(protectedPath(), old).status()).isEqualTo(401));
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(REVOCATION_BOUND);
        String renewed = TOKENS.sessionToken(subject, List.of(Roles.DOJ_OFFICER), UUID.randomUUID(), 4);
        assertThat(http.get(protectedPath(), renewed).status()).as("a token issued after the revocation").isEqualTo(200);
    }

    @Test
    void aSignedOutSessionsTokensAreRefusedWithinTheBoundAndOtherSessionsGoOn() {
        String subject = "signed-out." + UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String ended = TOKENS.sessionToken(subject, List.of(Roles.AUDITOR), session, 0);
        String other = TOKENS.sessionToken(subject, List.of(Roles.AUDITOR), UUID.randomUUID(), 0);
        assertThat(http.get(protectedPath(), ended).status()).isEqualTo(200);
        TOKENS.revokeSession(subject, session);
        await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get(protectedPath(), ended).status()).isEqualTo(401));
        assertThat(http.get(protectedPath(), other).status()).isEqualTo(200);
    }

    @Test
    void whileTheRevocationListCannotBeReadPersonTokensAreRefusedWithinTheBoundAndServiceTokensAreNot() {
        String person = TOKENS.dojOfficer();
        String service = TOKENS.service("grants");
        try {
            TOKENS.revocationsFailing(true);
            await().atMost(REVOCATION_BOUND.plusSeconds(1)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(http.get(protectedPath(), person).status()).isEqualTo(401));
            assertThat(http.get(protectedPath(), service).status()).as("service tokens are not on the list").isEqualTo(200);
            // An instance that would refuse every person is not ready (balancers send requests elsewhere),
            // but it is alive: a gateway outage must not restart the services.
            TestHttp.Response readiness = http.get("/health/readiness", null);
            assertThat(readiness.status()).as("readiness while the list is stale").isEqualTo(503);
            assertThat(readiness.json()).containsEntry("status", "DOWN");
            assertThat(http.get("/health", null).status()).as("/health, which Consul checks").isEqualTo(503);
            assertThat(http.get("/health/liveness", null).status()).as("liveness").isEqualTo(200);
        } finally {
            TOKENS.revocationsFailing(false);
        }
        await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get(protectedPath(), person).status()).isEqualTo(200));
        await().atMost(REVOCATION_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get("/health/readiness", null).status()).isEqualTo(200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aForgedOrStaleTokenIsRefusedWith401(String attack) {
        String token = TOKENS.attacks().get(attack);
        TestHttp.Response response = http.get(protectedPath(), token);
        assertThat(response.status()).as(attack).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void noTokenIs401AndIdentityHeadersFromTheClientChangeNothing() {
        TestHttp.Response response = http.send("GET", protectedPath(), null, null,
                Map.of("X-Roles", "ADMIN", "X-User", "admin", "X-Forwarded-User", "admin", "X-Jurisdiction", "any"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void healthStatusAndTheOpenApiDocumentNeedNoTokenButMetricsAndHealthDetailsAreForAdmins() {
        for (String probe : List.of("/health", "/health/liveness", "/health/readiness")) {
            TestHttp.Response status = http.get(probe, null);
            assertThat(status.status()).as(probe).isEqualTo(200);
            assertThat(status.json()).as(probe).containsEntry("status", "UP");
            assertThat(status.json().get("details")).as(probe + " anonymously").isNull();
            assertThat(http.get(probe, TOKENS.official(UUID.randomUUID())).json().get("details")).as(probe + " for an official").isNull();
        }
        assertThat(http.get("/health", TOKENS.admin()).json().get("details")).as("for an admin").isNotNull();
        assertThat(http.get("/prometheus", null).status()).isEqualTo(401);
        assertThat(http.get("/prometheus", TOKENS.dojOfficer()).status()).isEqualTo(403);
        TestHttp.Response metrics = http.get("/prometheus", TOKENS.admin());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        TestHttp.Response openapi = http.get("/openapi/" + service() + ".yml", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains(protectedPath().split("\\?")[0]);
    }

    @Test
    void anUnknownPathIsAProblemNotAStackTrace() {
        TestHttp.Response response = http.get("/api/no-such-thing", TOKENS.admin());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
    }
}
