package org.grantline.jurisdiction.registry;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The service checks every token itself, whoever forwards the request. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JurisdictionSecurityTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    TestHttp http;
    static final TestTokens TOKENS = TestTokens.shared();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties("jurisdiction");
    }

    @BeforeAll
    void client() {
        http = new TestHttp(server.getURL().toString());
    }

    static Stream<String> attacks() {
        return TOKENS.attacks().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aForgedOrStaleTokenIsRefusedWith401(String attack) {
        String token = TOKENS.attacks().get(attack);
        TestHttp.Response read = http.get("/api/jurisdictions", token);
        assertThat(read.status()).as(attack).isEqualTo(401);
        assertThat(read.isProblem()).isTrue();
        assertThat(read.body()).doesNotContain(token);
        TestHttp.Response write = http.post("/api/jurisdictions", token, Map.of("name", "Evil", "type", "CITY",
                "state", "MD", "fips", "2499999", "timeZone", "America/New_York"));
        assertThat(write.status()).as(attack).isEqualTo(401);
    }

    @Test
    void noTokenIs401AndAClientSetRoleHeaderChangesNothing() {
        assertThat(http.get("/api/jurisdictions", null).status()).isEqualTo(401);
        TestHttp.Response spoofed = http.send("GET", "/api/jurisdictions", null, null,
                Map.of("X-Roles", "ADMIN", "X-User", "admin", "X-Forwarded-User", "admin"));
        assertThat(spoofed.status()).isEqualTo(401);
        assertThat(spoofed.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    static Stream<Object[]> writers() {
        UUID own = UUID.randomUUID();
        return Stream.of(
                new Object[]{"admin", TOKENS.admin(), 201},
                new Object[]{"doj officer", TOKENS.dojOfficer(), 201},
                new Object[]{"auditor", TOKENS.auditor(), 403},
                new Object[]{"official", TOKENS.official(own), 403},
                new Object[]{"legal officer", TOKENS.legalOfficer(own), 403},
                new Object[]{"service", TOKENS.service("notifications"), 403},
                new Object[]{"anonymous", null, 401});
    }

    @ParameterizedTest(name = "{0} creating → {2}")
    @MethodSource("writers")
    void onlyDojOfficersAndAdminsWriteTheRegistry(String who, String token, int expected) {
        String fips = "24" + String.format("%05d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100000));
        TestHttp.Response response = http.post("/api/jurisdictions", token, Map.of("name", who + " town " + fips,
                "type", "TOWN", "state", "MD", "fips", fips, "timeZone", "America/New_York"));
        assertThat(response.status()).as(response.toString()).isEqualTo(expected);
        if (expected != 201) {
            assertThat(response.isProblem()).isTrue();
        }
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentNeedNoToken() {
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        assertThat(http.get("/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/health/readiness", null).status()).isEqualTo(200);
        TestHttp.Response metrics = http.get("/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        TestHttp.Response openapi = http.get("/openapi/jurisdiction.yml", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/jurisdictions/{id}");
    }
}
