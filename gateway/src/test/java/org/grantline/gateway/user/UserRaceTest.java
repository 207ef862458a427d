package org.grantline.gateway.user;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.Races;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/** Eight identical admin requests at the same instant: one succeeds, the others get a 409 problem, never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserRaceTest implements TestPropertyProvider {
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

    @Test
    @SuppressWarnings("unchecked")
    void theSameUserCreatedEightTimesAtOnceExistsOnce() {
        String username = GatewayTestSupport.unique("raced");
        Map<String, Object> body = Map.of("username", username, "displayName", "Raced", "password", PASSWORD,
                "roles", List.of(Roles.DOJ_OFFICER));
        List<TestHttp.Response> answers = Races.atOnce(() -> http.post("/api/users", admin, body));
        Races.assertOneWinner(answers, 201);
        answers.stream().filter(a -> a.status() == 409)
                .forEach(a -> assertThat(a.json()).containsEntry("type", "urn:grantline:problem:duplicate-username"));
        List<Object> users = (List<Object>) http.get("/api/users?size=100", admin).json().get("items");
        assertThat(users).filteredOn(u -> username.equals(((Map<String, Object>) u).get("username"))).hasSize(1);
    }

    String user() {
        String username = GatewayTestSupport.createUser(http, admin, "roles", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
        return (String) ((List<Map<String, Object>>) (Object) http.get("/api/users?size=100", admin).json().get("items")).stream()
                .filter(u -> username.equals(u.get("username"))).findFirst().orElseThrow().get("id");
    }

    @Test
    void theSameRoleChangeEightTimesAtOnceFromOneVersionChangesOnce() {
        String id = user();
        Map<String, Object> change = Map.of("roles", List.of(Roles.LEGAL_OFFICER), "jurisdictionId", UUID.randomUUID().toString(),
                "version", 0);
        TestHttp.Response winner = Races.assertOneWinner(Races.atOnce(() -> http.put("/api/users/" + id + "/roles", admin, change)), 200);
        assertThat(winner.json()).containsEntry("version", 1);
        assertThat(audit.history("user", id)).extracting(e -> e.action()).containsExactly("user.created", "user.roles-changed");
    }

    @Test
    void theSameRoleChangeEightTimesAtOnceWithoutAVersionNeverFails() {
        String id = user();
        Map<String, Object> change = Map.of("roles", List.of(Roles.AUDITOR));
        Races.assertNoServerError(Races.atOnce(() -> http.put("/api/users/" + id + "/roles", admin, change)), 200);
    }
}
