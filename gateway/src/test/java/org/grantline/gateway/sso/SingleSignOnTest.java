package org.grantline.gateway.sso;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.web.WebCsrf;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on against a real OpenID Connect provider running in the test
 * (no.nav.security:mock-oauth2-server: discovery, authorization endpoint, token endpoint with
 * PKCE, JWKS), driven over HTTP as a browser would follow the redirects.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final UUID BALTIMORE = UUID.randomUUID();
    static final String CLIENT = "grantline-baltimore";
    static MockOAuth2Server oidc;

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String base;
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Map<String, String> getProperties() {
        oidc = new MockOAuth2Server();
        oidc.start();
        Map<String, String> properties = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        properties.put("micronaut.security.oauth2.clients.baltimore.client-id", CLIENT);
        properties.put("micronaut.security.oauth2.clients.baltimore.client-secret", "not-a-real-secret");
        properties.put("micronaut.security.oauth2.clients.baltimore.openid.issuer", oidc.issuerUrl("baltimore").toString());
        properties.put("grantline.sso.providers.baltimore.display-name", "Baltimore City (Okta)");
        properties.put("grantline.sso.providers.baltimore.jurisdiction-id", BALTIMORE.toString());
        properties.put("grantline.sso.providers.baltimore.role-claim", "groups");
        properties.put("grantline.sso.providers.baltimore.roles.grants-staff", Roles.JURISDICTION_OFFICIAL);
        properties.put("grantline.sso.providers.baltimore.roles.city-solicitor", Roles.LEGAL_OFFICER);
        return properties;
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        base = server.getURL().toString().replaceAll("/?$", "/");
    }

    @AfterAll
    void stopProvider() {
        oidc.shutdown();
    }

    /** What a browser holds: cookies by name (the gateway's and the provider's hosts differ by port). */
    record Flow(Map<String, String> cookies, URI authorize, URI callback) {
    }

    HttpResponse<String> get(URI uri, Map<String, String> cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("set-cookie")) {
            String pair = set.split(";")[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return response;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String part : uri.getRawQuery().split("&")) {
            String[] kv = part.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Starts the sign-in at the gateway and passes the provider's authorization endpoint. */
    Flow begin() throws Exception {
        Map<String, String> cookies = new HashMap<>();
        HttpResponse<String> login = get(URI.create(base + "oauth/login/baltimore"), cookies);
        assertThat(login.statusCode()).as(login.body()).isIn(302, 303);
        URI authorize = URI.create(login.headers().firstValue("location").orElseThrow());
        HttpResponse<String> code = get(authorize, new HashMap<>());
        assertThat(code.statusCode()).as(code.body()).isIn(302, 303);
        return new Flow(cookies, authorize, URI.create(code.headers().firstValue("location").orElseThrow()));
    }

    /** Back at the gateway: where it sends the browser, and the session cookie if any. */
    HttpResponse<String> finish(Flow flow) throws Exception {
        return get(flow.callback(), flow.cookies());
    }

    void enqueue(String subject, List<String> audience, Map<String, Object> claims, long expiry) {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("baltimore", subject, "JWT", audience, claims, expiry));
    }

    Map<String, Object> webSession(Map<String, String> cookies) {
        TestHttp.Response refreshed = http.send("POST", "/web/session/refresh", null, null, Map.of(WebCsrf.HEADER, "1",
                "Origin", "http://" + server.getHost() + ":" + server.getPort(),
                "Cookie", "grantline_refresh=" + cookies.get("grantline_refresh")));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        return refreshed.json();
    }

    @Test
    void theSignInPageListsTheConfiguredProviders() {
        assertThat(http.get("/web/sso/providers", null).jsonList()).containsExactly(
                Map.of("name", "baltimore", "displayName", "Baltimore City (Okta)", "loginUrl", "/oauth/login/baltimore"));
    }

    @Test
    void discoveryAndTheCodeFlowWithPkceLandTheUserWithTheMappedRoleInTheVouchedJurisdictionOnly() throws Exception {
        String subject = "okta|" + UUID.randomUUID();
        Flow flow = begin();
        Map<String, String> asked = query(flow.authorize());
        assertThat(flow.authorize().toString()).startsWith(oidc.issuerUrl("baltimore").toString());   // from discovery
        assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state", "nonce");
        assertThat(asked.get("scope")).contains("openid");
        // Claims that try for more than the mapping gives are ignored.
        enqueue(subject, List.of(CLIENT), Map.of("groups", List.of("grants-staff", "admins"), "roles", List.of("ADMIN"),
                "jurisdiction", UUID.randomUUID().toString(), "name", "Bailey Okta"), 3600);
        HttpResponse<String> done = finish(flow);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("location")).hasValue("/");
        assertThat(flow.cookies()).containsKey("grantline_refresh");

        Map<String, Object> session = webSession(flow.cookies());
        assertThat(session.get("roles")).isEqualTo(List.of(Roles.JURISDICTION_OFFICIAL));
        SignedJWT token = SignedJWT.parse((String) session.get("access_token"));
        assertThat(token.getJWTClaimsSet().getStringClaim(Roles.JURISDICTION_CLAIM)).isEqualTo(BALTIMORE.toString());
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly(Roles.JURISDICTION_OFFICIAL);
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("grantline");
        String username = token.getJWTClaimsSet().getSubject();
        assertThat(username).startsWith("sso.baltimore.");
        assertThat(http.get("/api/me", (String) session.get("access_token")).json())
                .containsEntry("jurisdictionId", BALTIMORE.toString()).containsEntry("name", "Bailey Okta");

        // The provider's own tokens are no GrantLine tokens.
        String providerToken = oidc.issueToken("baltimore", subject, new DefaultOAuth2TokenCallback("baltimore", subject,
                "JWT", List.of("grantline"), Map.of("roles", List.of("ADMIN")), 600)).serialize();
        assertThat(http.get("/api/me", providerToken).status()).isEqualTo(401);

        // Next time the provider says city-solicitor only: the roles follow the mapping, the same user.
        Flow again = begin();
        enqueue(subject, List.of(CLIENT), Map.of("groups", "city-solicitor"), 3600);
        assertThat(finish(again).headers().firstValue("location")).hasValue("/");
        Map<String, Object> second = webSession(again.cookies());
        assertThat(second).containsEntry("username", username).containsEntry("roles", List.of(Roles.LEGAL_OFFICER));
        String id = (String) http.get("/api/users?size=100", GatewayTestSupport.accessToken(http, ADMIN)).json().get("items")
                .toString().replaceAll("(?s).*id=([0-9a-f-]{36}), username=" + username.replace(".", "\\.") + ".*", "$1");
        assertThat(audit.history("user", id)).extracting(e -> e.action())
                .contains("user.created", "user.sso-signed-in", "user.roles-changed");
    }

    @Test
    void anUnmappedUserIsRefused() throws Exception {
        Flow flow = begin();
        enqueue("okta|" + UUID.randomUUID(), List.of(CLIENT), Map.of("groups", List.of("parks-department")), 3600);
        HttpResponse<String> done = finish(flow);
        assertThat(done.headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(flow.cookies()).doesNotContainKey("grantline_refresh");
        assertThat(audit.history("sso", "baltimore")).extracting(e -> e.action()).contains("user.sso-refused");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        Flow flow = begin();
        // The provider makes the ID token for the client that asks; the claim overrides its audience.
        enqueue("okta|" + UUID.randomUUID(), List.of(CLIENT), Map.of("groups", List.of("grants-staff"), "aud", "some-other-app"), 3600);
        assertThat(finish(flow).headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(flow.cookies()).doesNotContainKey("grantline_refresh");
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        Flow flow = begin();
        enqueue("okta|" + UUID.randomUUID(), List.of(CLIENT), Map.of("groups", List.of("grants-staff")), -3600);
        assertThat(finish(flow).headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(flow.cookies()).doesNotContainKey("grantline_refresh");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() throws Exception {
        Flow flow = begin();
        enqueue("okta|" + UUID.randomUUID(), List.of(CLIENT), Map.of("groups", List.of("grants-staff"),
                "iss", "https://evil.example/baltimore"), 3600);
        assertThat(finish(flow).headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(flow.cookies()).doesNotContainKey("grantline_refresh");
    }

    @Test
    void aNonceOrStateThatIsNotTheBrowsersIsRefused() throws Exception {
        Flow flow = begin();
        enqueue("okta|" + UUID.randomUUID(), List.of(CLIENT), Map.of("groups", List.of("grants-staff")), 3600);
        String nonceCookie = flow.cookies().keySet().stream().filter(k -> k.toUpperCase().contains("NONCE")).findFirst().orElseThrow();
        flow.cookies().put(nonceCookie, "someone-elses-nonce");
        assertThat(finish(flow).headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(flow.cookies()).doesNotContainKey("grantline_refresh");

        Flow forged = begin();
        URI callback = URI.create(forged.callback().toString().replaceAll("state=[^&]+", "state=forged"));
        HttpResponse<String> done = get(callback, forged.cookies());
        assertThat(done.headers().firstValue("location")).hasValue(SsoLoginHandler.REFUSED);
        assertThat(forged.cookies()).doesNotContainKey("grantline_refresh");
    }

    @Test
    void aProviderCannotBeConfiguredToGrantFederalAuditorOrAdminRoles() {
        for (String role : List.of(Roles.ADMIN, Roles.DOJ_OFFICER, Roles.AUDITOR, Roles.SERVICE)) {
            SsoProvider provider = new SsoProvider("rogue");
            provider.setJurisdictionId(UUID.randomUUID());
            provider.setRoles(Map.of("everyone", role));
            assertThatThrownBy(() -> new SsoSignIn(List.of(provider), null, null, null, null, null, null))
                    .hasMessageContaining("may grant only");
        }
    }
}
