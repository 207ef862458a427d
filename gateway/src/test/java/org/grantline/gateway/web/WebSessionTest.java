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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;
import static org.grantline.gateway.GatewayTestSupport.createUser;

/** The web app's cookie session: sign-in, refresh through the cookie, sign-out, reuse detection, cross-site refusal. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSessionTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final Map<String, String> WEB = Map.of(WebCsrf.HEADER, "1");

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String adminToken;
    String origin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        properties.put("micronaut.server.port", "-1");   // a free port: other suites may be up on 8080
        return properties;
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        origin = "http://" + server.getHost() + ":" + server.getPort();
        adminToken = GatewayTestSupport.accessToken(http, ADMIN);
    }

    TestHttp.Response signIn(String username) {
        Map<String, String> headers = new HashMap<>(WEB);
        headers.put("Origin", origin);
        return http.send("POST", "/web/session", null, Map.of("username", username, "password", PASSWORD), headers);
    }

    static String setCookie(TestHttp.Response response) {
        List<String> cookies = response.headers().getOrDefault("set-cookie", List.of());
        assertThat(cookies).as(response.toString()).hasSize(1);
        return cookies.get(0);
    }

    static String cookieValue(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        assertThat(pair).startsWith(WebSessionController.COOKIE + "=");
        return pair.substring(pair.indexOf('=') + 1);
    }

    TestHttp.Response refresh(String cookie, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        if (cookie != null) {
            headers.put("Cookie", WebSessionController.COOKIE + "=" + cookie);
        }
        return http.send("POST", "/web/session/refresh", null, null, headers);
    }

    String newUser() {
        return createUser(http, adminToken, "web", List.of(Roles.JURISDICTION_OFFICIAL), UUID.randomUUID());
    }

    @Test
    void signInPutsTheRefreshTokenOnlyInAnHttpOnlySecureStrictCookieScopedToTheSessionPath() {
        TestHttp.Response response = signIn(newUser());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json()).containsKeys("access_token", "expires_in", "roles").doesNotContainKey("refresh_token");
        String cookie = setCookie(response);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/web/session").containsIgnoringCase("Max-Age=");
        assertThat(cookieValue(cookie)).hasSizeGreaterThan(30);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");

        TestHttp.Response me = http.get("/api/me", (String) response.json().get("access_token"));
        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void theCookieRefreshesTheSessionAndRotatesEveryTime() {
        String username = newUser();
        String first = cookieValue(setCookie(signIn(username)));
        TestHttp.Response refreshed = refresh(first, WEB);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json()).containsEntry("username", username).doesNotContainKey("refresh_token");
        String second = cookieValue(setCookie(refreshed));
        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/api/me", (String) refreshed.json().get("access_token")).json()).containsEntry("username", username);

        TestHttp.Response again = refresh(second, WEB);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    @Test
    void aReplayedCookieEndsEverySessionOfThatUser() {
        String username = newUser();
        String first = cookieValue(setCookie(signIn(username)));
        String second = cookieValue(setCookie(refresh(first, WEB)));
        String otherSession = cookieValue(setCookie(signIn(username)));

        TestHttp.Response replay = refresh(first, WEB);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
        assertThat(replay.isProblem()).isTrue();
        assertThat(setCookie(replay)).contains("Max-Age=0");

        assertThat(refresh(second, WEB).status()).as("the rotated cookie is revoked too").isEqualTo(401);
        assertThat(refresh(otherSession, WEB).status()).as("and the user's other sessions").isEqualTo(401);
    }

    @Test
    void signOutRevokesTheRefreshTokenAndClearsTheCookie() {
        String cookie = cookieValue(setCookie(signIn(newUser())));
        Map<String, String> headers = new HashMap<>(WEB);
        headers.put("Cookie", WebSessionController.COOKIE + "=" + cookie);
        TestHttp.Response out = http.send("DELETE", "/web/session", null, null, headers);
        assertThat(out.status()).as(out.toString()).isEqualTo(204);
        String cleared = setCookie(out);
        assertThat(cleared).contains("Max-Age=0").contains("Path=/web/session").containsIgnoringCase("HttpOnly");
        assertThat(cookieValue(cleared)).isEmpty();

        assertThat(refresh(cookie, WEB).status()).isEqualTo(401);
    }

    @Test
    void withoutACookieThereIsNoSession() {
        TestHttp.Response response = refresh(null, WEB);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("detail", "You are not signed in");
    }

    @Test
    void crossSiteRequestsAreRefused() {
        String username = newUser();
        String cookie = cookieValue(setCookie(signIn(username)));

        assertThat(refresh(cookie, Map.of()).status()).as("no custom header").isEqualTo(403);
        assertThat(refresh(cookie, Map.of(WebCsrf.HEADER, "1", "Origin", "https://evil.example")).status())
                .as("another origin").isEqualTo(403);
        assertThat(refresh(cookie, Map.of(WebCsrf.HEADER, "1", "Sec-Fetch-Site", "cross-site")).status())
                .as("marked cross-site by the browser").isEqualTo(403);
        TestHttp.Response loginCsrf = http.send("POST", "/web/session", null,
                Map.of("username", username, "password", PASSWORD), Map.of("Origin", "https://evil.example", WebCsrf.HEADER, "1"));
        assertThat(loginCsrf.status()).isEqualTo(403);
        assertThat(loginCsrf.headers()).doesNotContainKey("set-cookie");
        TestHttp.Response signOut = http.send("DELETE", "/web/session", null, null,
                Map.of("Cookie", WebSessionController.COOKIE + "=" + cookie));
        assertThat(signOut.status()).isEqualTo(403);

        TestHttp.Response sameOrigin = refresh(cookie, Map.of(WebCsrf.HEADER, "1", "Origin", origin, "Sec-Fetch-Site", "same-origin"));
        assertThat(sameOrigin.status()).as("the refused attempts changed nothing: " + sameOrigin).isEqualTo(200);
    }

    @Test
    void aDisabledUserCannotRefreshThroughTheCookie() {
        String username = newUser();
        String cookie = cookieValue(setCookie(signIn(username)));
        String id = userId(username);
        assertThat(http.post("/api/users/" + id + "/disable", adminToken, Map.of()).status()).isEqualTo(200);
        assertThat(refresh(cookie, WEB).status()).isEqualTo(401);
        assertThat(signIn(username).status()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    String userId(String username) {
        for (int page = 0; page < 20; page++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) http.get("/api/users?size=100&page=" + page, adminToken)
                    .json().get("items");
            for (Map<String, Object> item : items) {
                if (username.equals(item.get("username"))) {
                    return (String) item.get("id");
                }
            }
            if (items.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no user " + username);
    }

    @Test
    void theWebAppIsServedAtTheRootWithAStrictContentSecurityPolicy() {
        TestHttp.Response index = http.get("/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.body()).contains("<script type=\"module\" src=\"/app/main.js\"></script>");
        String csp = index.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(index.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(index.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(index.header("Referrer-Policy")).isEqualTo("no-referrer");

        TestHttp.Response script = http.get("/app/main.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(http.get("/app/data/states-albers-10m.json", null).status()).isEqualTo(200);
        assertThat(http.get("/api/me", null).status()).as("the API still wants a token").isEqualTo(401);
    }
}
