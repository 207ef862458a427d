package org.grantline.gateway.auth;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.keys.SigningKeys;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JWT attack set and the role matrix at the gateway itself. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaySecurityTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    @Inject
    SigningKeys keys;
    TestHttp http;
    TestTokens tokens;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        tokens = TestTokens.signingWith(keys.privateKey());
    }

    Stream<String> attacks() {
        return TestTokens.signingWith(keys.privateKey()).attacks().keySet().stream();
    }

    @Test
    void aTokenSignedWithTheGatewayKeyIsAccepted() {
        // The control for the attack set: the same claims, correctly signed, pass.
        assertThat(http.get("/api/me", tokens.dojOfficer()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void everyForgedOrStaleTokenIsRefused(String attack) {
        String token = tokens.attacks().get(attack);
        for (String path : List.of("/api/me", "/api/users", "/api/jurisdictions")) {
            TestHttp.Response response = http.get(path, token);
            assertThat(response.status()).as(attack + " on " + path).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
        }
    }

    @Test
    void noTokenIs401Everywhere() {
        for (String path : List.of("/api/me", "/api/users", "/api/jurisdictions", "/api/awards", "/api/documents",
                "/api/notifications")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    static Stream<Object[]> matrix() {
        return Stream.of(
                new Object[]{Roles.ADMIN, 201, 200, 200},
                new Object[]{Roles.DOJ_OFFICER, 403, 403, 200},
                new Object[]{Roles.AUDITOR, 403, 200, 200},
                new Object[]{Roles.JURISDICTION_OFFICIAL, 403, 403, 200},
                new Object[]{Roles.LEGAL_OFFICER, 403, 403, 200},
                new Object[]{Roles.SERVICE, 403, 403, 200},
                new Object[]{"anonymous", 401, 401, 401});
    }

    @ParameterizedTest(name = "{0}: create user {1}, list users {2}, me {3}")
    @MethodSource("matrix")
    void roleMatrixOfTheGatewaysOwnEndpoints(String role, int create, int list, int me) {
        String token = switch (role) {
            case "anonymous" -> null;
            case Roles.JURISDICTION_OFFICIAL -> tokens.official(UUID.randomUUID());
            case Roles.LEGAL_OFFICER -> tokens.legalOfficer(UUID.randomUUID());
            case Roles.SERVICE -> tokens.service("grants");
            default -> tokens.token("matrix." + role.toLowerCase(), List.of(role), null);
        };
        TestHttp.Response created = http.post("/api/users", token, Map.of("username", GatewayTestSupport.unique("m"),
                "displayName", "Matrix", "password", GatewayTestSupport.PASSWORD, "roles", List.of(Roles.AUDITOR)));
        assertThat(created.status()).as(created.toString()).isEqualTo(create);
        assertThat(http.get("/api/users", token).status()).isEqualTo(list);
        assertThat(http.get("/api/me", token).status()).isEqualTo(me);
    }

    @Test
    void theJwksHoldsOnlyThePublicKey() {
        TestHttp.Response jwks = http.get("/keys", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body()).contains(keys.privateKey().getKeyID()).doesNotContain("\"d\"");
    }
}
