package org.grantline.gateway.invitation;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.NotificationsStandIn;
import org.grantline.shared.audit.AuditEvent;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.Races;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/**
 * An agency administrator's invitation end to end in the gateway: invite, the mail request to
 * notifications (a stand-in over HTTP, with the gateway's own service token), preview, accept with a
 * password, sign in; the link refused when used again, expired or withdrawn; every step audited.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationFlowTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    final NotificationsStandIn notifications = new NotificationsStandIn();
    final UUID city = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    @Inject
    InvitationRepository invitations;
    TestHttp http;
    String admin;
    String agencyAdmin;
    String agencyAdminName;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        return p;
    }

    @BeforeAll
    void signIn() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
        agencyAdminName = GatewayTestSupport.unique("agency");
        assertThat(http.post("/api/users", admin, Map.of("username", agencyAdminName, "displayName", "Agnes Admin",
                "password", PASSWORD, "roles", List.of(Roles.AGENCY_ADMIN), "jurisdictionId", city.toString())).status()).isEqualTo(201);
        agencyAdmin = GatewayTestSupport.accessToken(http, agencyAdminName);
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    Map<String, Object> invitation(String username, String role) {
        return Map.of("email", username + "@city.test", "username", username, "displayName", "Ines Invitee", "roles", List.of(role));
    }

    @Test
    void anInvitedColleagueSetsAPasswordOnceAndSignsInBoundToTheJurisdictionAndEveryStepIsAudited() throws Exception {
        String username = GatewayTestSupport.unique("invitee");
        TestHttp.Response invited = http.post("/api/invitations", agencyAdmin, invitation(username, Roles.LEGAL_OFFICER));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json()).containsEntry("status", "PENDING").containsEntry("jurisdictionId", city.toString())
                .doesNotContainKeys("token", "tokenHash");
        String invitationId = (String) invited.json().get("id");
        Instant expires = Instant.parse((String) invited.json().get("expiresAt"));
        assertThat(expires).isBetween(Instant.now().plusSeconds(72 * 3600 - 60), Instant.now().plusSeconds(72 * 3600 + 1));

        // The mail request: to notifications, with a token the gateway signed for itself (SERVICE, subject gateway).
        NotificationsStandIn.Received mail = notifications.received.stream()
                .filter(r -> invitationId.equals(r.field("invitationId"))).findFirst().orElseThrow();
        assertThat(mail.field("to")).isEqualTo(username + "@city.test");
        SignedJWT jwt = SignedJWT.parse(mail.authorization().substring("Bearer ".length()));
        JWKSet keys = JWKSet.parse(http.get("/keys", null).body());
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("gateway");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly(Roles.SERVICE);
        String token = mail.field("token");
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        // Stored hashed: the database has no copy of the token.
        assertThat(invitations.findById(UUID.fromString(invitationId)).orElseThrow().tokenHash())
                .isEqualTo(org.grantline.gateway.auth.Secrets.sha256(token)).isNotEqualTo(token);

        TestHttp.Response preview = http.post("/api/invitations/preview", null, Map.of("token", token));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json()).containsEntry("username", username).containsEntry("roles", List.of(Roles.LEGAL_OFFICER));

        TestHttp.Response weak = http.post("/api/invitations/accept", null, Map.of("token", token, "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("password");

        TestHttp.Response accepted = http.post("/api/invitations/accept", null, Map.of("token", token, "password", PASSWORD));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json()).containsEntry("username", username).containsEntry("jurisdictionId", city.toString())
                .containsEntry("roles", List.of(Roles.LEGAL_OFFICER)).containsEntry("email", username + "@city.test");
        String userId = (String) accepted.json().get("id");

        Map<String, Object> signedIn = GatewayTestSupport.login(http, username, PASSWORD);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(((String) signedIn.get("access_token")).split("\\.")[1]));
        assertThat(claims).contains("\"jurisdiction\":\"" + city + "\"").contains(Roles.LEGAL_OFFICER);

        // Single use: the same link again is refused, and makes nobody.
        TestHttp.Response again = http.post("/api/invitations/accept", null, Map.of("token", token, "password", "another long password"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("type", "urn:grantline:problem:invitation-used");
        assertThat(http.post("/api/invitations/preview", null, Map.of("token", token)).status()).isEqualTo(409);
        assertThat(GatewayTestSupport.login(http, username, PASSWORD)).containsKey("access_token");

        List<AuditEvent> trail = audit.history("invitation", invitationId);
        assertThat(trail).extracting(AuditEvent::action).containsExactly("invitation.created", "invitation.accepted");
        AuditEvent created = trail.get(0);
        assertThat(created.actor()).isEqualTo(agencyAdminName);
        assertThat(created.requestId()).isNotBlank();
        assertThat(created.beforeState()).isNull();
        assertThat(created.afterState()).contains(username).contains("PENDING").doesNotContain(token);
        AuditEvent acceptance = trail.get(1);
        assertThat(acceptance.actor()).isEqualTo(username);
        assertThat(acceptance.requestId()).isNotBlank();
        assertThat(acceptance.beforeState()).contains("PENDING");
        assertThat(acceptance.afterState()).contains("ACCEPTED").contains(userId);
        assertThat(audit.history("user", userId)).extracting(AuditEvent::action).containsExactly("user.created");

        // Auditors see it in the gateway's audit trail.
        String auditorName = GatewayTestSupport.unique("auditor");
        http.post("/api/users", admin, Map.of("username", auditorName, "displayName", "Avery", "password", PASSWORD,
                "roles", List.of(Roles.AUDITOR)));
        TestHttp.Response visible = http.get("/api/identity/audit?entityType=invitation&entityId=" + invitationId,
                GatewayTestSupport.accessToken(http, auditorName));
        assertThat(visible.status()).isEqualTo(200);
        assertThat(visible.body()).contains("invitation.created").contains("invitation.accepted");
    }

    @Test
    void eightAcceptancesOfOneLinkAtOnceMakeOneAccount() {
        String username = GatewayTestSupport.unique("racer");
        String id = (String) http.post("/api/invitations", agencyAdmin, invitation(username, Roles.JURISDICTION_OFFICIAL)).json().get("id");
        String token = notifications.last().field("token");
        List<TestHttp.Response> answers = Races.atOnce(() -> http.post("/api/invitations/accept", null,
                Map.of("token", token, "password", PASSWORD)));
        Races.assertOneWinner(answers, 201);
        assertThat(answers).filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.json()).containsEntry("type", "urn:grantline:problem:invitation-used"));
        assertThat(audit.history("invitation", id)).extracting(AuditEvent::action).containsExactly("invitation.created", "invitation.accepted");
        assertThat(invitations.findById(UUID.fromString(id)).orElseThrow().userId())
                .hasToString((String) answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().json().get("id"));
    }

    @Test
    void anExpiredLinkIsRefusedAndMakesNobody() {
        String username = GatewayTestSupport.unique("late");
        String id = (String) http.post("/api/invitations", agencyAdmin, invitation(username, Roles.JURISDICTION_OFFICIAL)).json().get("id");
        String token = notifications.last().field("token");
        Invitation i = invitations.findById(UUID.fromString(id)).orElseThrow();
        invitations.update(new Invitation(i.id(), i.email(), i.username(), i.displayName(), i.roles(), i.jurisdictionId(),
                i.tokenHash(), i.invitedBy(), i.createdAt(), Instant.now().minusSeconds(1), null, null, null, i.version()));

        TestHttp.Response late = http.post("/api/invitations/accept", null, Map.of("token", token, "password", PASSWORD));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json()).containsEntry("type", "urn:grantline:problem:invitation-expired");
        assertThat(http.post("/login", null, Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(http.post("/api/invitations/accept", null, Map.of("token", "not-a-token-we-ever-made-0123456789abcdef", "password", PASSWORD))
                .status()).isEqualTo(404);
    }

    @Test
    void aWithdrawnLinkIsRefused() {
        String username = GatewayTestSupport.unique("withdrawn");
        String id = (String) http.post("/api/invitations", agencyAdmin, invitation(username, Roles.JURISDICTION_OFFICIAL)).json().get("id");
        String token = notifications.last().field("token");
        assertThat(http.post("/api/invitations/" + id + "/revoke", agencyAdmin, Map.of()).json()).containsEntry("status", "REVOKED");
        TestHttp.Response refused = http.post("/api/invitations/accept", null, Map.of("token", token, "password", PASSWORD));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json()).containsEntry("type", "urn:grantline:problem:invitation-revoked");
        assertThat(audit.history("invitation", id)).extracting(AuditEvent::action).containsExactly("invitation.created", "invitation.revoked");
    }

    @Test
    void whenMailIsDownTheInviterIsToldAndTheInvitationIsWithdrawn() {
        String username = GatewayTestSupport.unique("unsent");
        notifications.failing = true;
        TestHttp.Response r;
        try {
            r = http.post("/api/invitations", agencyAdmin, invitation(username, Roles.JURISDICTION_OFFICIAL));
        } finally {
            notifications.failing = false;
        }
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json()).containsEntry("type", "urn:grantline:problem:mail-unavailable");
        Invitation withdrawn = invitations.findByJurisdictionIdOrderByCreatedAtDesc(city).stream()
                .filter(i -> i.username().equals(username)).findFirst().orElseThrow();
        assertThat(withdrawn.revokedAt()).isNotNull();
        assertThat(audit.history("invitation", withdrawn.id())).extracting(AuditEvent::action)
                .containsExactly("invitation.created", "invitation.send-failed");
        // The username is free for a new invitation once mail works again.
        assertThat(http.post("/api/invitations", agencyAdmin, invitation(username, Roles.JURISDICTION_OFFICIAL)).status()).isEqualTo(201);
    }
}
