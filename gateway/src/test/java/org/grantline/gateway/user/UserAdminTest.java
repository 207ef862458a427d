package org.grantline.gateway.user;

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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAdminTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
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

    Map<String, Object> user(String username, List<String> roles, UUID jurisdiction) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "Someone",
                "password", PASSWORD, "roles", roles));
        if (jurisdiction != null) {
            body.put("jurisdictionId", jurisdiction.toString());
        }
        return body;
    }

    @Test
    void anAdminCreatesAnOfficialBoundToAJurisdictionAndTheResponseHidesThePassword() {
        UUID jurisdiction = UUID.randomUUID();
        String username = GatewayTestSupport.unique("official");
        TestHttp.Response created = http.post("/api/users", admin, user(username, List.of(Roles.JURISDICTION_OFFICIAL), jurisdiction));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("username", username).containsEntry("enabled", true)
                .containsEntry("jurisdictionId", jurisdiction.toString()).doesNotContainKeys("password", "passwordHash");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("$2a$").doesNotContain("$2y$");
        String id = (String) created.json().get("id");
        assertThat(http.get("/api/users/" + id, admin).json()).containsEntry("username", username);

        var events = audit.history("user", id);
        assertThat(events).extracting(e -> e.action()).containsExactly("user.created");
        assertThat(events.get(0).actor()).isEqualTo(ADMIN);
        assertThat(events.get(0).afterState()).contains(username).doesNotContain("$2");
    }

    @Test
    void rolesAndJurisdictionBindingAreChecked() {
        assertThat(http.post("/api/users", admin, user(GatewayTestSupport.unique("x"), List.of(Roles.LEGAL_OFFICER), null)).json())
                .containsEntry("type", "urn:grantline:problem:validation");
        assertThat(http.post("/api/users", admin, user(GatewayTestSupport.unique("x"), List.of(Roles.DOJ_OFFICER), UUID.randomUUID())).status())
                .isEqualTo(400);
        assertThat(http.post("/api/users", admin, user(GatewayTestSupport.unique("x"), List.of("SUPERUSER"), null)).status())
                .isEqualTo(400);
        assertThat(http.post("/api/users", admin, user(GatewayTestSupport.unique("x"), List.of(Roles.SERVICE), null)).status())
                .as("nobody makes a person a service").isEqualTo(400);
        Map<String, Object> weak = user(GatewayTestSupport.unique("x"), List.of(Roles.AUDITOR), null);
        weak.put("password", "short");
        TestHttp.Response response = http.post("/api/users", admin, weak);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("password");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        String username = GatewayTestSupport.unique("twin");
        assertThat(http.post("/api/users", admin, user(username, List.of(Roles.AUDITOR), null)).status()).isEqualTo(201);
        TestHttp.Response again = http.post("/api/users", admin, user(username, List.of(Roles.AUDITOR), null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("type", "urn:grantline:problem:duplicate-username");
    }

    @Test
    void newRolesTakeEffectAtTheNextSignInAndOldSessionsEnd() {
        String username = GatewayTestSupport.unique("promoted");
        String id = (String) http.post("/api/users", admin, user(username, List.of(Roles.AUDITOR), null)).json().get("id");
        String refresh = (String) GatewayTestSupport.login(http, username, PASSWORD).get("refresh_token");

        TestHttp.Response changed = http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of(Roles.DOJ_OFFICER)));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("roles")).isEqualTo(List.of(Roles.DOJ_OFFICER));
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", refresh)).status())
                .isEqualTo(400);
        String token = GatewayTestSupport.accessToken(http, username);
        assertThat(http.get("/api/me", token).json().get("roles")).isEqualTo(List.of(Roles.DOJ_OFFICER));
        assertThat(audit.history("user", id)).extracting(e -> e.action()).containsExactly("user.created", "user.roles-changed");
    }

    @Test
    void anAdminCannotDisableThemselvesAndADisabledUserCanBeEnabledAgain() {
        String selfId = findId(ADMIN);
        assertThat(http.post("/api/users/" + selfId + "/disable", admin, "").status()).isEqualTo(409);

        String username = GatewayTestSupport.unique("paused");
        String id = (String) http.post("/api/users", admin, user(username, List.of(Roles.AUDITOR), null)).json().get("id");
        assertThat(http.post("/api/users/" + id + "/disable", admin, "").json()).containsEntry("enabled", false);
        assertThat(http.post("/login", null, Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(http.post("/api/users/" + id + "/enable", admin, "").json()).containsEntry("enabled", true);
        assertThat(http.post("/login", null, Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + UUID.randomUUID() + "/disable", admin, "").status()).isEqualTo(404);
    }

    @SuppressWarnings("unchecked")
    private String findId(String username) {
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) http.get("/api/users?size=100&page=" + page, admin)
                    .json().get("items");
            assertThat(items).as("user " + username).isNotEmpty();
            for (Map<String, Object> u : items) {
                if (username.equals(u.get("username"))) {
                    return (String) u.get("id");
                }
            }
        }
    }
}
