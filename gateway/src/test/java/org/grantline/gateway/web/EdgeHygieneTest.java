package org.grantline.gateway.web;

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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/** What the public port gives away: nothing cached that carries a token, no metrics or health details anonymously, 404 for what is not there. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeHygieneTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String admin;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
    }

    @Test
    void answersCarryingTokensOrPrivateDataAreNeverStored() {
        String user = GatewayTestSupport.createUser(http, admin, "cache", List.of(Roles.AUDITOR), null);
        TestHttp.Response login = http.post("/login", null, Map.of("username", user, "password", PASSWORD));
        TestHttp.Response refresh = http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token",
                "refresh_token", login.json().get("refresh_token")));
        TestHttp.Response web = http.send("POST", "/web/session", null, Map.of("username", user, "password", PASSWORD),
                Map.of(WebCsrf.HEADER, "1"));
        TestHttp.Response failed = http.post("/login", null, Map.of("username", user, "password", "wrong password"));
        for (TestHttp.Response response : List.of(login, refresh, web, failed, http.get("/api/me", admin),
                http.get("/api/users", admin), http.get("/api/users/" + GatewayTestSupport.userId(http, admin, user), admin))) {
            assertThat(response.header("Cache-Control")).as(response.toString()).isEqualTo("no-store");
        }
        assertThat(http.get("/app/main.js", null).header("Cache-Control")).as("public files may be cached").isNotEqualTo("no-store");
    }

    @Test
    void metricsAndHealthDetailsAreForAdminsWhileProbesGetTheStatus() {
        assertThat(http.get("/prometheus", null).status()).isEqualTo(401);
        String official = GatewayTestSupport.accessToken(http,
                GatewayTestSupport.createUser(http, admin, "metrics", List.of(Roles.DOJ_OFFICER), null));
        assertThat(http.get("/prometheus", official).status()).isEqualTo(403);
        assertThat(http.get("/prometheus", admin).body()).contains("jvm_memory_used_bytes");
        for (String probe : List.of("/health", "/health/liveness", "/health/readiness")) {
            TestHttp.Response status = http.get(probe, null);
            assertThat(status.status()).as(probe).isEqualTo(200);
            assertThat(status.json()).containsEntry("status", "UP");
            assertThat(status.json().get("details")).as(probe).isNull();
            assertThat(http.get(probe, official).json().get("details")).as(probe + " for a DOJ officer").isNull();
        }
        assertThat(http.get("/health", admin).json().get("details")).isNotNull();
    }

    @Test
    void unknownPathsAre404NotAnInvitationToSignIn() {
        for (String path : List.of("/no-such-page", "/app/no-such-file.js", "/api/no-such-thing", "/api/internal/nothing")) {
            TestHttp.Response response = http.get(path, null);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.isProblem()).as(path).isTrue();
        }
        assertThat(http.get("/api/no-such-thing", admin).status()).isEqualTo(404);
        assertThat(http.get("/", null).status()).as("the web app itself").isEqualTo(200);
        assertThat(http.get("/api/me", null).status()).as("real API paths still want a token").isEqualTo(401);
        assertThat(http.get("/api/users", null).status()).isEqualTo(401);
        assertThat(http.get("/api/awards", null).status()).as("routed paths too").isEqualTo(401);
    }
}
