package org.grantline.gateway.apiclient;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.audit.AuditEvent;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** API clients end to end in the gateway: create within scope, secret once, client credentials, rotate, revoke. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final UUID city = UUID.randomUUID();
    final UUID otherCity = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String admin;
    String agency;
    String otherAgency;
    String doj;
    String auditor;

    @Override
    public Map<String, String> getProperties() {
        return GatewayTestSupport.properties(ADMIN);
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
        agency = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "agency", List.of(Roles.AGENCY_ADMIN), city));
        otherAgency = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "agency", List.of(Roles.AGENCY_ADMIN), otherCity));
        doj = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "doj", List.of(Roles.DOJ_OFFICER), null));
        auditor = GatewayTestSupport.accessToken(http, GatewayTestSupport.createUser(http, admin, "auditor", List.of(Roles.AUDITOR), null));
    }

    TestHttp.Response create(String token, String name, List<String> roles, UUID jurisdiction) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "roles", roles));
        if (jurisdiction != null) {
            body.put("jurisdictionId", jurisdiction.toString());
        }
        return http.post("/api/api-clients", token, body);
    }

    static String name() {
        return "records-" + UUID.randomUUID().toString().substring(0, 8);
    }

    TestHttp.Response basic(String id, String secret) {
        String credentials = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send("POST", "/oauth/access_token", null, "grant_type=client_credentials",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", "Basic " + credentials));
    }

    @Test
    void creationFollowsTheCreatorsScope() {
        assertThat(create(agency, name(), List.of(Roles.LEGAL_OFFICER), null).status()).isEqualTo(201);
        assertThat(create(agency, name(), List.of(Roles.JURISDICTION_OFFICIAL), otherCity).status()).isEqualTo(403);
        assertThat(create(agency, name(), List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(403);
        assertThat(create(agency, name(), List.of(Roles.AGENCY_ADMIN), city).status()).isEqualTo(400);
        assertThat(create(doj, name(), List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(201);
        assertThat(create(doj, name(), List.of(Roles.AUDITOR), null).status()).isEqualTo(403);
        assertThat(create(admin, name(), List.of(Roles.AUDITOR), null).status()).isEqualTo(201);
        assertThat(create(admin, name(), List.of(Roles.ADMIN), null).status()).isEqualTo(400);
        assertThat(create(auditor, name(), List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(403);
        assertThat(create(admin, "x".repeat(51), List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(400);
        TestHttp.Response past = http.post("/api/api-clients", admin, Map.of("name", name(), "roles", List.of(Roles.DOJ_OFFICER),
                "expiresAt", "2020-01-01T00:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.isProblem()).isTrue();
        String taken = name();
        assertThat(create(admin, taken, List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(201);
        assertThat(create(doj, taken, List.of(Roles.DOJ_OFFICER), null).status()).isEqualTo(409);
    }

    /** A client's expiry bounds everything: its token's lifetime and exp claim, then new tokens (401) and the old one. */
    @Test
    void anExpiringClientsTokenNeverOutlivesItAndAfterwardsItGetsNone() {
        Instant expiresAt = Instant.now().plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestHttp.Response created = http.post("/api/api-clients", doj, Map.of("name", name(), "roles", List.of(Roles.DOJ_OFFICER),
                "expiresAt", expiresAt.toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("clientId");
        String secret = (String) created.json().get("clientSecret");

        TestHttp.Response token = basic(id, secret);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(((Number) token.json().get("expires_in")).longValue()).isBetween(0L, 6L);   // not the usual 10 minutes
        String access = (String) token.json().get("access_token");
        String claims = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher exp = java.util.regex.Pattern.compile("\"exp\":(\\d+)").matcher(claims);
        assertThat(exp.find()).as(claims).isTrue();
        assertThat(Long.parseLong(exp.group(1))).isLessThanOrEqualTo(expiresAt.getEpochSecond());
        assertThat(http.get("/api/me", access).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> Instant.now().isAfter(expiresAt.plusMillis(500)));
        TestHttp.Response refused = basic(id, secret);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        assertThat(http.get("/api/api-clients/" + id, doj).json()).containsEntry("status", "EXPIRED");
        await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(http.get("/api/me", access).status()).isEqualTo(401));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSecretIsShownOnceAndTheTokenCarriesTheClientsRolesUntilRotatedOrRevoked() {
        String name = name();
        TestHttp.Response created = create(agency, name, List.of(Roles.JURISDICTION_OFFICIAL), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("clientId");
        String secret = (String) created.json().get("clientSecret");
        assertThat(created.headers().get("location").get(0)).isEqualTo("/api/api-clients/" + id);

        // never again: not in the list, not in one, not in the audit trail; another jurisdiction gets a 404
        assertThat(http.get("/api/api-clients", agency).body()).contains(id).doesNotContain(secret);
        assertThat(http.get("/api/api-clients", otherAgency).body()).doesNotContain(id);
        assertThat(http.get("/api/api-clients/" + id, otherAgency).status()).isEqualTo(404);
        assertThat(http.get("/api/api-clients/" + id, doj).status()).isEqualTo(404);
        assertThat(http.get("/api/api-clients/" + id, auditor).status()).isEqualTo(200);
        assertThat(http.post("/api/api-clients/" + id + "/revoke", auditor, Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/api-clients/" + id + "/revoke", otherAgency, Map.of()).status()).isEqualTo(404);

        TestHttp.Response token = basic(id, secret);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        String access = (String) token.json().get("access_token");
        Map<String, Object> me = http.get("/api/me", access).json();
        assertThat(me).containsEntry("username", "client:" + name).containsEntry("jurisdictionId", city.toString());
        assertThat((List<String>) me.get("roles")).containsExactly(Roles.JURISDICTION_OFFICIAL);
        assertThat(http.post("/api/api-clients", access, Map.of("name", name(), "roles", List.of(Roles.JURISDICTION_OFFICIAL))).status())
                .as("a client makes no clients").isEqualTo(403);
        assertThat(basic(id, "wrong" + secret).status()).isEqualTo(401);
        assertThat(http.send("POST", "/oauth/access_token", null, "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret,
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(200);

        TestHttp.Response rotated = http.post("/api/api-clients/" + id + "/rotate", agency, Map.of());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = (String) rotated.json().get("clientSecret");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(basic(id, secret).status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/api/me", access).status()).isEqualTo(401));
        String second = (String) basic(id, newSecret).json().get("access_token");
        assertThat(http.get("/api/me", second).status()).isEqualTo(200);

        assertThat(http.post("/api/api-clients/" + id + "/revoke", agency, Map.of()).json()).containsEntry("status", "REVOKED");
        TestHttp.Response refused = basic(id, newSecret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.isProblem()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/api/me", second).status()).isEqualTo(401));

        List<AuditEvent> trail = audit.history("api-client", id);
        assertThat(trail).extracting(AuditEvent::action).containsExactly("api-client.created", "api-client.rotated", "api-client.revoked");
        assertThat(trail).allSatisfy(e -> {
            assertThat(String.valueOf(e.beforeState()) + e.afterState()).doesNotContain(secret).doesNotContain(newSecret);
            assertThat(e.actor()).startsWith("agency.");
        });
    }
}
