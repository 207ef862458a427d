package org.grantline.gateway.auth;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.revocation.RevocationFeed;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;
import static org.grantline.gateway.GatewayTestSupport.login;

/**
 * Access tokens end when they should: after the user is disabled, re-bound, changes password or
 * signs out, the gateway refuses them within 5 s and lists the revocation for the services at
 * {@code /api/internal/revocations}; {@code /api/internal/users/{username}} tells services who a
 * user is now.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRevocationTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final Duration BOUND = Duration.ofSeconds(5);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestHttp http;
    String admin;
    String service;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
        service = (String) http.send("POST", "/oauth/access_token", null,
                "grant_type=client_credentials&client_id=notifications&client_secret=" + GatewayTestSupport.NOTIFICATIONS_SECRET,
                Map.of("Content-Type", "application/x-www-form-urlencoded")).json().get("access_token");
    }

    String idOf(String username) {
        return GatewayTestSupport.userId(http, admin, username);
    }

    void refusedWithinTheBound(String token) {
        long started = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get("/api/me", token).status()).isEqualTo(401));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(BOUND);
    }

    RevocationFeed feed() throws Exception {
        TestHttp.Response response = http.get("/api/internal/revocations", service);
        assertThat(response.status()).isEqualTo(200);
        return json.readValue(response.body(), RevocationFeed.class);
    }

    @Test
    void theInternalUserEndpointAnswersTheContractToServicesOnly() {
        UUID baltimore = UUID.randomUUID();
        String official = createUser(http, admin, "official", List.of(Roles.JURISDICTION_OFFICIAL), baltimore);
        TestHttp.Response user = http.get("/api/internal/users/" + official, service);
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.json()).containsEntry("username", official).containsEntry("enabled", true)
                .containsEntry("roles", List.of(Roles.JURISDICTION_OFFICIAL))
                .containsEntry("jurisdictionId", baltimore.toString())
                .containsEntry("tokensValidAfter", null)
                .containsEntry("email", null)   // where the notifications service sends the user's own emails (none set here)
                .containsOnlyKeys("username", "enabled", "roles", "jurisdictionId", "tokensValidAfter", "email");
        TestHttp.Response unknown = http.get("/api/internal/users/nobody." + UUID.randomUUID(), service);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(http.get("/api/internal/users/" + official, admin).status()).as("admins are not services").isEqualTo(403);
        assertThat(http.get("/api/internal/users/" + official, null).status()).isEqualTo(401);
        assertThat(http.get("/api/internal/revocations", admin).status()).isEqualTo(403);
    }

    @Test
    void aDisabledUsersAccessTokenIsRefusedWithinTheBoundAndListedForTheServices() throws Exception {
        String user = createUser(http, admin, "disabled", List.of(Roles.DOJ_OFFICER), null);
        String token = GatewayTestSupport.accessToken(http, user);
        assertThat(http.get("/api/me", token).status()).isEqualTo(200);
        Instant before = Instant.now().minusSeconds(1);
        assertThat(http.post("/api/users/" + idOf(user) + "/disable", admin, "").status()).isEqualTo(200);

        refusedWithinTheBound(token);
        assertThat(feed().entries()).anySatisfy(e -> {
            assertThat(e.subject()).isEqualTo(user);
            assertThat(e.minVersion()).isPositive();
        });
        Map<String, Object> now = http.get("/api/internal/users/" + user, service).json();
        assertThat(now).containsEntry("enabled", false);
        assertThat(Instant.parse((String) now.get("tokensValidAfter"))).isAfter(before);
    }

    @Test
    void aReBoundUsersOldTokenIsRefusedAndANewSignInCarriesTheNewJurisdiction() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String user = createUser(http, admin, "moved", List.of(Roles.JURISDICTION_OFFICIAL), first);
        String token = GatewayTestSupport.accessToken(http, user);
        assertThat(http.put("/api/users/" + idOf(user) + "/roles", admin,
                Map.of("roles", List.of(Roles.JURISDICTION_OFFICIAL), "jurisdictionId", second.toString())).status()).isEqualTo(200);

        refusedWithinTheBound(token);
        String renewed = GatewayTestSupport.accessToken(http, user);
        assertThat(http.get("/api/me", renewed).json()).containsEntry("jurisdictionId", second.toString());
    }

    @Test
    void aPasswordChangeEndsEveryOldTokenAndOnlyTheNewPasswordSignsIn() {
        String user = createUser(http, admin, "changer", List.of(Roles.AUDITOR), null);
        Map<String, Object> session = login(http, user, PASSWORD);
        String token = (String) session.get("access_token");
        String newPassword = "a brand new passphrase";
        TestHttp.Response wrongCurrent = http.put("/api/me/password", token,
                Map.of("currentPassword", "not the password", "newPassword", newPassword));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        TestHttp.Response tooLong = http.put("/api/me/password", token,
                Map.of("currentPassword", PASSWORD, "newPassword", "é".repeat(40)));
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
        assertThat(tooLong.body()).contains("newPassword");

        TestHttp.Response changed = http.put("/api/me/password", token, Map.of("currentPassword", PASSWORD, "newPassword", newPassword));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        refusedWithinTheBound(token);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token",
                "refresh_token", session.get("refresh_token"))).status()).as("and the refresh token").isEqualTo(400);
        assertThat(http.post("/login", null, Map.of("username", user, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(login(http, user, newPassword)).containsKey("access_token");
    }

    @Test
    void signingOutEndsThatSessionsAccessTokenOnly() {
        String user = createUser(http, admin, "leaver", List.of(Roles.AUDITOR), null);
        Map<String, Object> leaving = login(http, user, PASSWORD);
        String staying = (String) login(http, user, PASSWORD).get("access_token");
        assertThat(http.post("/logout", null, Map.of("refresh_token", leaving.get("refresh_token"))).status()).isEqualTo(204);

        refusedWithinTheBound((String) leaving.get("access_token"));
        assertThat(http.get("/api/me", staying).status()).as("the user's other session goes on").isEqualTo(200);
    }

    @Test
    void signingOutOfTheWebAppEndsItsAccessToken() {
        String user = createUser(http, admin, "webleaver", List.of(Roles.AUDITOR), null);
        TestHttp.Response signedIn = http.send("POST", "/web/session", null, Map.of("username", user, "password", PASSWORD),
                Map.of(WebCsrf.HEADER, "1"));
        assertThat(signedIn.status()).isEqualTo(200);
        String cookie = signedIn.headers().get("set-cookie").get(0).split(";", 2)[0];
        String token = (String) signedIn.json().get("access_token");
        Map<String, String> headers = new HashMap<>(Map.of(WebCsrf.HEADER, "1", "Cookie", cookie));
        assertThat(http.send("DELETE", "/web/session", null, null, headers).status()).isEqualTo(204);
        refusedWithinTheBound(token);
    }
}
