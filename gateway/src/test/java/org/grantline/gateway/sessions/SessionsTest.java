package org.grantline.gateway.sessions;

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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;
import static org.grantline.gateway.GatewayTestSupport.userId;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String adminToken;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        adminToken = GatewayTestSupport.accessToken(http, ADMIN);
    }

    Map<String, Object> signInFrom(String username, String device) {
        TestHttp.Response response = http.send("POST", "/login", null, Map.of("username", username, "password", PASSWORD),
                Map.of("User-Agent", device));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserSeesTheirSessionsWithDeviceAddressAndLastUseAndEndsOne() {
        String official = createUser(http, adminToken, "official", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        Map<String, Object> laptop = signInFrom(official, "Laptop Firefox");
        Map<String, Object> phone = signInFrom(official, "Phone Safari");
        String laptopToken = (String) laptop.get("access_token");
        String phoneToken = (String) phone.get("access_token");

        List<Object> list = http.get("/api/me/sessions", laptopToken).jsonList();
        assertThat(list).hasSize(2);
        Map<String, Object> current = (Map<String, Object>) list.stream()
                .filter(s -> Boolean.TRUE.equals(((Map<String, Object>) s).get("current"))).findFirst().orElseThrow();
        assertThat(current).containsEntry("userAgent", "Laptop Firefox").containsEntry("sourceAddress", "127.0.0.1")
                .containsKey("lastUsedAt");
        String phoneSession = (String) ((Map<String, Object>) list.stream()
                .filter(s -> "Phone Safari".equals(((Map<String, Object>) s).get("userAgent"))).findFirst().orElseThrow())
                .get("sessionId");

        // Another user cannot end it.
        String other = createUser(http, adminToken, "official", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        assertThat(http.delete("/api/me/sessions/" + phoneSession, GatewayTestSupport.accessToken(http, other)).status())
                .isEqualTo(404);

        assertThat(http.delete("/api/me/sessions/" + phoneSession, laptopToken).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/me", phoneToken).status() == 401);
        assertThat(http.get("/api/me", laptopToken).status()).isEqualTo(200);
        assertThat(http.get("/api/me/sessions", laptopToken).jsonList()).hasSize(1);
        assertThat(http.delete("/api/me/sessions/" + phoneSession, laptopToken).status()).isEqualTo(404);
        assertThat(audit.history("user", userId(http, adminToken, official))).extracting(e -> e.action())
                .contains("session.ended");
        // The ended session's refresh token is refused (presenting it is a replay, which ends the rest too).
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token",
                "refresh_token", phone.get("refresh_token"))).status()).isEqualTo(400);
    }

    @Test
    void anAdministratorEndsAllOfAUsersSessionsAuditorsCannot() {
        String counsel = createUser(http, adminToken, "counsel", List.of(Roles.LEGAL_OFFICER), UUID.randomUUID());
        String one = (String) signInFrom(counsel, "A").get("access_token");
        String two = (String) signInFrom(counsel, "B").get("access_token");
        String id = userId(http, adminToken, counsel);
        String auditor = createUser(http, adminToken, "auditor", List.of(Roles.AUDITOR), null);
        assertThat(http.post("/api/users/" + id + "/sessions/end", GatewayTestSupport.accessToken(http, auditor), Map.of())
                .status()).isEqualTo(403);
        assertThat(http.post("/api/users/" + id + "/sessions/end", one, Map.of()).status()).isEqualTo(403);

        TestHttp.Response ended = http.post("/api/users/" + id + "/sessions/end", adminToken, Map.of());
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json()).containsEntry("sessionsEnded", 2);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/me", one).status() == 401 && http.get("/api/me", two).status() == 401);
        assertThat(audit.history("user", id)).extracting(e -> e.action()).contains("user.sessions-ended");
        assertThat(http.post("/api/users/" + UUID.randomUUID() + "/sessions/end", adminToken, Map.of()).status()).isEqualTo(404);
    }
}
