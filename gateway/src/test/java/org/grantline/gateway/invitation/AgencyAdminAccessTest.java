package org.grantline.gateway.invitation;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.NotificationsStandIn;
import org.grantline.shared.audit.AuditEvent;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.grantline.gateway.GatewayTestSupport.PASSWORD;

/**
 * What an agency administrator may do, in the access-matrix style: every operation of the user
 * admin API x {own jurisdiction, another jurisdiction} x each role they must never give (DOJ,
 * auditor, admin) is refused with a 403 or 404 problem and changes nothing; the same operations on
 * their own jurisdiction's users with the roles they may give succeed and are audited.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgencyAdminAccessTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final List<String> FORBIDDEN = List.of(Roles.DOJ_OFFICER, Roles.AUDITOR, Roles.ADMIN);
    static final List<String> OPERATIONS = List.of("get", "set-roles", "disable", "enable", "unlock", "invite",
            "revoke-invitation", "list", "coverage", "create", "reset-second-factor", "end-sessions");
    final NotificationsStandIn notifications = new NotificationsStandIn();
    final UUID own = UUID.randomUUID();
    final UUID other = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    @Inject
    AuditTrail audit;
    TestHttp http;
    String admin;
    String agencyAdminName;
    String agencyAdmin;
    final Map<String, String> targets = new HashMap<>();          // "own" / "other" -> an official's id
    final Map<String, String> federal = new HashMap<>();          // forbidden role -> a user holding it
    final Map<String, String> otherInvitation = new HashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(ADMIN));
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        return p;
    }

    String create(String prefix, String role, UUID jurisdiction) {
        Map<String, Object> body = new HashMap<>(Map.of("username", GatewayTestSupport.unique(prefix), "displayName", "Someone",
                "password", PASSWORD, "roles", List.of(role)));
        if (jurisdiction != null) {
            body.put("jurisdictionId", jurisdiction.toString());
        }
        TestHttp.Response r = http.post("/api/users", admin, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return (String) r.json().get("id");
    }

    @BeforeAll
    void setUp() {
        http = new TestHttp(server.getURL().toString());
        admin = GatewayTestSupport.accessToken(http, ADMIN);
        agencyAdminName = GatewayTestSupport.unique("agency");
        http.post("/api/users", admin, Map.of("username", agencyAdminName, "displayName", "Agnes", "password", PASSWORD,
                "roles", List.of(Roles.AGENCY_ADMIN), "jurisdictionId", own.toString()));
        agencyAdmin = GatewayTestSupport.accessToken(http, agencyAdminName);
        targets.put("own", create("own", Roles.JURISDICTION_OFFICIAL, own));
        targets.put("other", create("other", Roles.JURISDICTION_OFFICIAL, other));
        for (String role : FORBIDDEN) {
            federal.put(role, create("federal", role, null));
        }
        TestHttp.Response invited = http.post("/api/invitations", admin, Map.of("email", "x@other.test",
                "username", GatewayTestSupport.unique("elsewhere"), "displayName", "X", "roles", List.of(Roles.JURISDICTION_OFFICIAL),
                "jurisdictionId", other.toString()));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        otherInvitation.put("other", (String) invited.json().get("id"));
    }

    @AfterAll
    void stop() {
        notifications.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String operation : OPERATIONS) {
            for (String where : List.of("own", "other")) {
                for (String role : FORBIDDEN) {
                    cases.add(Arguments.of(operation, where, role));
                }
            }
        }
        return cases.stream();
    }

    /**
     * One attempt and the status it must get. Where an operation gives a role, it gives the forbidden
     * one; where it does not, in "own" it aims at the user who holds the forbidden role (a federal user,
     * outside every jurisdiction), in "other" at another jurisdiction's official. The reads that take
     * neither ("list", "coverage") ask in "own" for what only federal roles see (every jurisdiction's
     * coverage, the whole audit trail) and in "other" for another jurisdiction's users or counts.
     * Resetting a second factor and ending a user's sessions stay with administrators, even for the
     * agency administrator's own jurisdiction.
     */
    record Attempt(TestHttp.Response response, int expected) {
    }

    Attempt attempt(String operation, String where, String role) {
        UUID jurisdiction = where.equals("own") ? own : other;
        String target = where.equals("own") ? federal.get(role) : targets.get("other");
        return switch (operation) {
            case "get" -> new Attempt(http.get("/api/users/" + target, agencyAdmin), 404);
            case "set-roles" -> where.equals("own")
                    ? new Attempt(http.put("/api/users/" + targets.get("own") + "/roles", agencyAdmin,
                    roles(role, null)), 403)
                    : new Attempt(http.put("/api/users/" + targets.get("other") + "/roles", agencyAdmin,
                    roles(Roles.LEGAL_OFFICER, other)), 404);
            case "disable" -> new Attempt(http.post("/api/users/" + target + "/disable", agencyAdmin, Map.of()), 404);
            case "enable" -> new Attempt(http.post("/api/users/" + target + "/enable", agencyAdmin, Map.of()), 404);
            case "unlock" -> new Attempt(http.post("/api/users/" + target + "/unlock", agencyAdmin, Map.of()), 404);
            case "invite" -> where.equals("own")
                    ? new Attempt(http.post("/api/invitations", agencyAdmin, invite(role, own)), 403)
                    : new Attempt(http.post("/api/invitations", agencyAdmin, invite(Roles.JURISDICTION_OFFICIAL, other)), 403);
            case "revoke-invitation" -> where.equals("own")
                    ? new Attempt(http.post("/api/invitations/" + UUID.randomUUID() + "/revoke", agencyAdmin, Map.of()), 404)
                    : new Attempt(http.post("/api/invitations/" + otherInvitation.get("other") + "/revoke", agencyAdmin, Map.of()), 404);
            case "list" -> where.equals("own")
                    ? new Attempt(http.get("/api/users/agency-admins/missing", agencyAdmin), 403)
                    : new Attempt(http.get("/api/users?jurisdictionId=" + other, agencyAdmin), 403);
            case "coverage" -> where.equals("own")
                    ? new Attempt(http.get("/api/identity/audit", agencyAdmin), 403)
                    : new Attempt(http.get("/api/users/agency-admins?jurisdictionId=" + other, agencyAdmin), 403);
            case "create" -> new Attempt(http.post("/api/users", agencyAdmin, Map.of("username", GatewayTestSupport.unique("made"),
                    "displayName", "M", "password", PASSWORD, "roles", List.of(role), "jurisdictionId", jurisdiction.toString())), 403);
            // Administrators only, whoever the user is.
            case "reset-second-factor" -> new Attempt(http.post("/api/users/" + (where.equals("own") ? targets.get("own") : target)
                    + "/second-factor/reset", agencyAdmin, Map.of()), 403);
            case "end-sessions" -> new Attempt(http.post("/api/users/" + (where.equals("own") ? targets.get("own") : target)
                    + "/sessions/end", agencyAdmin, Map.of()), 403);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    static Map<String, Object> roles(String role, UUID jurisdiction) {
        Map<String, Object> body = new HashMap<>(Map.of("roles", List.of(role)));
        if (jurisdiction != null) {
            body.put("jurisdictionId", jurisdiction.toString());
        }
        return body;
    }

    static Map<String, Object> invite(String role, UUID jurisdiction) {
        return Map.of("email", "someone@city.test", "username", GatewayTestSupport.unique("inv"), "displayName", "S",
                "roles", List.of(role), "jurisdictionId", jurisdiction.toString());
    }

    @ParameterizedTest(name = "{0} in {1} jurisdiction, forbidden role {2}")
    @MethodSource("matrix")
    void anAgencyAdministratorIsRefusedOutsideTheirJurisdictionAndForFederalRoles(String operation, String where, String role) {
        int mailsBefore = notifications.received.size();
        Map<String, Object> ownBefore = http.get("/api/users/" + targets.get("own"), admin).json();
        Map<String, Object> otherBefore = http.get("/api/users/" + targets.get("other"), admin).json();
        Map<String, Object> federalBefore = http.get("/api/users/" + federal.get(role), admin).json();

        Attempt attempt = attempt(operation, where, role);
        assertThat(attempt.response().status()).as(attempt.response().toString()).isEqualTo(attempt.expected());
        assertThat(attempt.response().isProblem()).as("problem+json: " + attempt.response()).isTrue();

        assertThat(http.get("/api/users/" + targets.get("own"), admin).json()).isEqualTo(ownBefore);
        assertThat(http.get("/api/users/" + targets.get("other"), admin).json()).isEqualTo(otherBefore);
        assertThat(http.get("/api/users/" + federal.get(role), admin).json()).isEqualTo(federalBefore);
        assertThat(notifications.received).hasSize(mailsBefore);
        assertThat(audit.history("invitation", otherInvitation.get("other"))).extracting(AuditEvent::action)
                .containsExactly("invitation.created");
    }

    @Test
    void withinTheirJurisdictionAnAgencyAdministratorListsChangesRolesDisablesAndEnablesAndIsAudited() {
        String id = create("colleague", Roles.JURISDICTION_OFFICIAL, own);
        String username = (String) http.get("/api/users/" + id, admin).json().get("username");

        TestHttp.Response listed = http.get("/api/users?size=100", agencyAdmin);
        assertThat(listed.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) listed.json().get("items");
        assertThat(items).isNotEmpty().allSatisfy(u -> assertThat(u.get("jurisdictionId")).isEqualTo(own.toString()));
        assertThat(items).extracting(u -> u.get("id")).contains(id, targets.get("own")).doesNotContain(targets.get("other"));

        TestHttp.Response promoted = http.put("/api/users/" + id + "/roles", agencyAdmin,
                Map.of("roles", List.of(Roles.AGENCY_ADMIN, Roles.LEGAL_OFFICER), "jurisdictionId", own.toString()));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().get("roles")).isEqualTo(List.of(Roles.AGENCY_ADMIN, Roles.LEGAL_OFFICER));
        assertThat(http.get("/api/users/agency-admins?jurisdictionId=" + own, agencyAdmin).json())
                .containsEntry("activeAgencyAdmins", 2);

        // Disabling ends the user's tokens within the revocation bound, as when an administrator does it.
        String token = GatewayTestSupport.accessToken(http, username);
        assertThat(http.get("/api/me", token).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + id + "/disable", agencyAdmin, Map.of()).json()).containsEntry("enabled", false);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(http.get("/api/me", token).status()).isEqualTo(401));
        assertThat(http.post("/login", null, Map.of("username", username, "password", PASSWORD)).status()).isEqualTo(401);
        assertThat(http.get("/api/users/agency-admins?jurisdictionId=" + own, agencyAdmin).json())
                .containsEntry("activeAgencyAdmins", 1);
        assertThat(http.post("/api/users/" + id + "/enable", agencyAdmin, Map.of()).json()).containsEntry("enabled", true);
        assertThat(http.post("/api/users/" + id + "/unlock", agencyAdmin, Map.of()).status()).isEqualTo(200);

        List<AuditEvent> trail = audit.history("user", id);
        assertThat(trail).extracting(AuditEvent::action)
                .containsExactly("user.created", "user.roles-changed", "user.disabled", "user.enabled", "user.unlocked");
        assertThat(trail.subList(1, trail.size())).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(agencyAdminName);
            assertThat(e.requestId()).isNotBlank();
            assertThat(e.beforeState()).isNotNull();
            assertThat(e.afterState()).isNotNull();
        });
        assertThat(trail.get(1).beforeState()).contains(Roles.JURISDICTION_OFFICIAL).doesNotContain(Roles.AGENCY_ADMIN);
        assertThat(trail.get(1).afterState()).contains(Roles.AGENCY_ADMIN);
    }

    @Test
    void anAdministratorKeepsFullPowersAndDojSeesJurisdictionsWithoutAnAgencyAdministrator() {
        String id = create("anyone", Roles.JURISDICTION_OFFICIAL, other);
        assertThat(http.put("/api/users/" + id + "/roles", admin, Map.of("roles", List.of(Roles.DOJ_OFFICER))).status()).isEqualTo(200);
        assertThat(http.put("/api/users/" + id + "/roles", admin, roles(Roles.AGENCY_ADMIN, other)).status()).isEqualTo(200);
        assertThat(http.post("/api/users/" + id + "/disable", admin, Map.of()).status()).isEqualTo(200);

        String doj = GatewayTestSupport.accessToken(http, (String) http.get("/api/users/" + create("doj", Roles.DOJ_OFFICER, null), admin)
                .json().get("username"));
        TestHttp.Response missing = http.get("/api/users/agency-admins/missing", doj);
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.body()).contains(other.toString()).doesNotContain(own.toString());
        TestHttp.Response fewerThanTwo = http.get("/api/users/agency-admins/missing?below=2", doj);
        assertThat(fewerThanTwo.body()).contains(other.toString());
        assertThat(http.get("/api/users/agency-admins?jurisdictionId=" + other, doj).json()).containsEntry("activeAgencyAdmins", 0);
        assertThat(http.get("/api/users", doj).status()).as("DOJ sees counts, not users").isEqualTo(403);
    }
}
