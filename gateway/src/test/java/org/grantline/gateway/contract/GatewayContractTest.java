package org.grantline.gateway.contract;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.mfa.Totp;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.openapi.OpenApiFinisher;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.OpenApiContract;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/**
 * The gateway against its own published OpenAPI document (sign-in, tokens, users, second factors,
 * sessions, its audit trail), and its forwarded routes against the merged document it serves at
 * /openapi.yml (what the gateway itself answers for them: 401 without a token, 503 with no instance):
 * real requests, successes and errors, each answer one the document describes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayContractTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");

    @Inject
    EmbeddedServer server;
    OpenApiContract contract;
    TestHttp http;
    TestHttp plain;
    String published;
    String admin;
    String origin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.server.port", "-1");
        // no instance of any service: a forwarded call is the gateway's own 503
        for (String service : List.of("jurisdiction", "grants", "documents", "notifications")) {
            p.put("micronaut.http.services." + service + ".urls", "http://127.0.0.1:1");
        }
        return p;
    }

    @BeforeAll
    void contract() {
        plain = new TestHttp(server.getURL().toString());
        published = finished(plain.get("/openapi/gateway.yml", null).body());
        contract = OpenApiContract.of(published);
        http = new TestHttp(server.getURL().toString(), contract);
        origin = "http://" + server.getHost() + ":" + server.getPort();
        admin = (String) http.post("/login", null, Map.of("username", ADMIN, "password", PASSWORD)).json().get("access_token");
    }

    /**
     * The document as the jar has it: the tests run before OpenApiFinisher (prepare-package) writes
     * {@code security: []} and the key set's schema into it, so the test does what it does.
     */
    static String finished(String yaml) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        try (var in = GatewayContractTest.class.getResourceAsStream("/META-INF/grantline-openapi/gateway-anonymous.txt")) {
            OpenApiFinisher.finish(document, OpenApiFinisher.anonymous(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(document);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationAnswersAsItsDocumentSays() {
        // sign-in and tokens
        TestHttp.Response login = http.post("/login", null, Map.of("username", ADMIN, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(http.post("/login", null, Map.of("username", ADMIN, "password", "wrong password 123")).status()).isEqualTo(401);
        assertThat(http.post("/login", null, Map.of("username", ADMIN)).status()).isEqualTo(400);
        String refresh = (String) login.json().get("refresh_token");
        TestHttp.Response refreshed = http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "refresh_token", "refresh_token", "nothing")).status())
                .isIn(400, 401);
        assertThat(http.post("/oauth/access_token", null, Map.of("grant_type", "password")).status()).isEqualTo(400);
        assertThat(http.get("/keys", null).status()).isEqualTo(200);
        assertThat(http.get("/web/sso/providers", null).status()).isEqualTo(200);

        // users
        TestHttp.Response created = http.post("/api/users", admin, Map.of("username", GatewayTestSupport.unique("contract"),
                "displayName", "Contract", "password", PASSWORD, "roles", List.of(Roles.JURISDICTION_OFFICIAL),
                "jurisdictionId", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        String username = (String) created.json().get("username");
        assertThat(http.post("/api/users", admin, Map.of("username", "x")).status()).isEqualTo(400);
        assertThat(http.post("/api/users", admin, Map.of("username", username, "displayName", "Again", "password", PASSWORD,
                "roles", List.of(Roles.JURISDICTION_OFFICIAL), "jurisdictionId", UUID.randomUUID().toString())).status()).isEqualTo(409);
        assertThat(http.post("/api/users", null, Map.of("username", "x")).status()).isEqualTo(401);
        assertThat(http.get("/api/users", admin).status()).isEqualTo(200);
        assertThat(http.get("/api/users?size=100000", admin).status()).isEqualTo(400);
        assertThat(http.get("/api/users/" + id, admin).status()).isEqualTo(200);
        assertThat(http.get("/api/users/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
        assertThat(http.get("/api/users/not-a-uuid", admin).status()).isEqualTo(400);
        assertThat(http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of(Roles.AUDITOR))).status()).isEqualTo(200);
        assertThat(http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of())).status()).isEqualTo(400);
        assertThat(http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of(Roles.AUDITOR), "version", 999)).status())
                .isEqualTo(409);
        assertThat(http.post("/api/users/" + id + "/unlock", admin, null).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + id + "/second-factor/reset", admin, null).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + UUID.randomUUID() + "/second-factor/reset", admin, null).status()).isEqualTo(404);

        // the user's own account: me, password, sessions, a second factor
        String user = (String) http.post("/login", null, Map.of("username", username, "password", PASSWORD)).json().get("access_token");
        assertThat(http.get("/api/me", user).status()).isEqualTo(200);
        assertThat(http.get("/api/me", null).status()).isEqualTo(401);
        assertThat(http.get("/api/me/sessions", user).status()).isEqualTo(200);
        assertThat(http.delete("/api/me/sessions/" + UUID.randomUUID(), user).status()).isEqualTo(404);
        assertThat(http.get("/api/me/second-factor", user).status()).isEqualTo(200);
        TestHttp.Response enrolment = http.post("/api/me/second-factor/enrolment", user, null);
        assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
        assertThat(http.post("/api/me/second-factor/enrolment/confirm", user, Map.of("code", "000000x")).status()).isIn(400, 401);
        String code = Totp.code((String) enrolment.json().get("secret"), Totp.step(Instant.now()));
        TestHttp.Response confirmed = http.post("/api/me/second-factor/enrolment/confirm", user, Map.of("code", code));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(http.put("/api/me/password", user, Map.of("currentPassword", "not it at all", "newPassword", "another good password"))
                .status()).isIn(400, 401, 403, 409);
        assertThat(http.put("/api/me/password", user, Map.of("currentPassword", PASSWORD)).status()).isEqualTo(400);
        // now signing in asks for the code
        TestHttp.Response challenge = http.post("/login", null, Map.of("username", username, "password", PASSWORD));
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(401);
        assertThat(http.post("/login/second-factor", null, Map.of("challenge", challenge.json().get("challenge"), "code", "123"))
                .status()).isIn(400, 401);
        assertThat(http.post("/login/second-factor", null, Map.of("challenge", "no-such-challenge", "code", "123456"))
                .status()).isIn(400, 401);
        assertThat(http.post("/login/second-factor/enrolment", null, Map.of("challenge", "no-such-challenge")).status()).isIn(400, 401);
        assertThat(http.post("/api/users/" + id + "/sessions/end", admin, null).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + id + "/disable", admin, null).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + id + "/enable", admin, null).status()).isEqualTo(200);

        // the web app's session
        Map<String, String> web = Map.of(WebCsrf.HEADER, "1", "Origin", origin);
        TestHttp.Response session = http.send("POST", "/web/session", null, Map.of("username", ADMIN, "password", PASSWORD), web);
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        String cookie = session.headers().get("set-cookie").get(0).split(";", 2)[0];
        Map<String, String> withCookie = new HashMap<>(web);
        withCookie.put("Cookie", cookie);
        assertThat(http.send("POST", "/web/session/refresh", null, null, withCookie).status()).isEqualTo(200);
        assertThat(http.send("POST", "/web/session/refresh", null, null, web).status()).isEqualTo(401);
        assertThat(http.send("POST", "/web/session", null, Map.of("username", ADMIN, "password", PASSWORD), Map.of()).status())
                .isEqualTo(403);
        assertThat(http.send("POST", "/web/session/second-factor", null, Map.of("challenge", "none", "code", "123456"), web).status())
                .isIn(400, 401);
        assertThat(http.send("POST", "/web/session/second-factor/enrolment", null, Map.of("challenge", "none"), web).status())
                .isIn(400, 401);
        assertThat(http.send("DELETE", "/web/session", null, null, withCookie).status()).isEqualTo(204);
        assertThat(http.post("/logout", null, Map.of("refresh_token", refresh)).status()).isEqualTo(204);
        assertThat(http.post("/logout", null, Map.of()).status()).isEqualTo(400);

        // services only; the audit trail
        String notifications = (String) http.send("POST", "/oauth/access_token", null,
                "grant_type=client_credentials&client_id=notifications&client_secret=" + GatewayTestSupport.NOTIFICATIONS_SECRET,
                Map.of("Content-Type", "application/x-www-form-urlencoded")).json().get("access_token");
        assertThat(http.get("/api/internal/revocations", notifications).status()).isEqualTo(200);
        assertThat(http.get("/api/internal/users/" + username, notifications).status()).isEqualTo(200);
        assertThat(http.get("/api/internal/users/nobody.here", notifications).status()).isEqualTo(404);
        assertThat(http.get("/api/internal/users/" + username, admin).status()).isEqualTo(403);
        assertThat(http.get("/api/identity/audit", admin).status()).isEqualTo(200);
        assertThat(http.get("/api/identity/audit?size=0", admin).status()).isEqualTo(400);
        assertThat(http.get("/api/identity/audit", user).status()).isIn(401, 403);
        assertThat(contract.checked()).hasSizeGreaterThanOrEqualTo(55);
    }

    @Test
    void aForwardedCallAnswersAsTheMergedDocumentSays() {
        OpenApiContract merged = OpenApiContract.of(plain.get("/openapi.yml", null).body());
        TestHttp through = new TestHttp(server.getURL().toString(), merged);
        TestTokens tokens = TestTokens.shared();
        assertThat(through.get("/api/awards", null).status()).isEqualTo(401);
        assertThat(through.get("/api/documents/" + UUID.randomUUID(), null).status()).isEqualTo(401);
        assertThat(through.get("/api/calendar/ics/" + "x".repeat(43) + ".ics", null).status()).isEqualTo(503);
        assertThat(through.get("/api/users", admin).status()).isEqualTo(200);
        assertThat(merged.checked()).hasSize(4);
        assertThat(tokens).isNotNull();
    }

    /**
     * Every operation with an id in its path, called with a malformed one: the answer (a 400 naming the
     * field, or the 401/403 of a caller who may not) must be one the document describes.
     */
    @Test
    void aMalformedIdInAnyPathIsAnAnswerTheDocumentDescribes() {
        List<OpenApiContract.Probe> probes = OpenApiContract.malformedIdProbes(published);
        for (OpenApiContract.Probe probe : probes) {
            TestHttp.Response answer = http.send(probe.method(), probe.path(), admin, probe.body(), Map.of());
            assertThat(answer.status()).as(probe.method() + " " + probe.path() + ": " + answer).isLessThan(500);
        }
        assertThat(probes).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFails() {
        assertThatThrownBy(() -> http.send("PATCH", "/api/me", admin, "{}", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is not in the document");
        String without404 = published.replaceFirst(
                "(  /api/users/\\{id}:\\n    get:\\n(?:      .*\\n)*?      responses:\\n(?:        .*\\n)*?)        [\"']404[\"']:\\n(?:          .*\\n)*", "$1");
        assertThat(without404).isNotEqualTo(published);
        TestHttp strict = new TestHttp(server.getURL().toString(), OpenApiContract.of(without404));
        assertThatThrownBy(() -> strict.get("/api/users/" + UUID.randomUUID(), admin))
                .isInstanceOf(AssertionError.class).hasMessageContaining("-> 404: the document describes only");
    }
}
