package org.grantline.shared.test;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service proves about itself, called directly (not through the gateway): it checks
 * each token on its own and refuses the whole attack set with 401, ignores identity headers a
 * client could set, and serves health, metrics and its OpenAPI document without a token.
 * A service's test extends this, adds {@code @MicronautTest}, and names one protected GET path.
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

    @Test
    void aValidTokenIsAccepted() {
        assertThat(http.get(protectedPath(), TOKENS.auditor()).status()).isEqualTo(200);
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
    void healthMetricsAndTheOpenApiDocumentNeedNoToken() {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.get("/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/health/readiness", null).status()).isEqualTo(200);
        TestHttp.Response metrics = http.get("/prometheus", null);
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
