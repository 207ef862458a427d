package org.grantline.gateway.apiclient;

import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.Roles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The creation and visibility rule of API clients, role by role. */
class ApiClientScopeTest {
    final UUID own = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final ApiClientScope admin = ApiClientScope.of("root", List.of(Roles.ADMIN), Optional.empty());
    final ApiClientScope doj = ApiClientScope.of("doj", List.of(Roles.DOJ_OFFICER), Optional.empty());
    final ApiClientScope agency = ApiClientScope.of("agnes", List.of(Roles.AGENCY_ADMIN), Optional.of(own));
    final ApiClientScope official = ApiClientScope.of("ollie", List.of(Roles.JURISDICTION_OFFICIAL), Optional.of(own));
    final ApiClientScope auditor = ApiClientScope.of("avery", List.of(Roles.AUDITOR, Roles.DOJ_OFFICER), Optional.empty());
    final ApiClientScope client = ApiClientScope.of("client:x", List.of(Roles.DOJ_OFFICER), Optional.empty());

    static int status(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (ProblemException e) {
            return e.status().getCode();
        }
    }

    @Test
    void aClientNeverHoldsAdminAgencyAdminOrServiceWhoeverAsks() {
        for (String role : List.of(Roles.ADMIN, Roles.AGENCY_ADMIN, Roles.SERVICE, "ROOT")) {
            assertThat(status(() -> admin.checkCreate(List.of(role), null))).as(role).isEqualTo(400);
        }
    }

    @Test
    void eachCreatorGivesOnlyWhatTheirScopeAllows() {
        assertThat(admin.checkCreate(List.of(Roles.AUDITOR, Roles.DOJ_OFFICER), null)).containsExactly(Roles.AUDITOR, Roles.DOJ_OFFICER);
        assertThat(admin.checkCreate(List.of(Roles.LEGAL_OFFICER), other)).containsExactly(Roles.LEGAL_OFFICER);
        assertThat(doj.checkCreate(List.of(Roles.DOJ_OFFICER), null)).containsExactly(Roles.DOJ_OFFICER);
        assertThat(status(() -> doj.checkCreate(List.of(Roles.AUDITOR), null))).isEqualTo(403);
        assertThat(status(() -> doj.checkCreate(List.of(Roles.JURISDICTION_OFFICIAL), own))).isEqualTo(403);
        assertThat(agency.checkCreate(List.of(Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER), own)).hasSize(2);
        assertThat(agency.jurisdictionFor(null)).isEqualTo(own);
        assertThat(status(() -> agency.checkCreate(List.of(Roles.JURISDICTION_OFFICIAL), other))).isEqualTo(403);
        assertThat(status(() -> agency.checkCreate(List.of(Roles.DOJ_OFFICER), null))).isEqualTo(403);
        assertThat(status(() -> agency.checkCreate(List.of(Roles.AUDITOR), own))).isEqualTo(403);
        assertThat(status(() -> official.checkCreate(List.of(Roles.JURISDICTION_OFFICIAL), own))).isEqualTo(403);
        assertThat(status(() -> auditor.checkCreate(List.of(Roles.DOJ_OFFICER), null))).isEqualTo(403);
        assertThat(status(() -> client.checkCreate(List.of(Roles.DOJ_OFFICER), null))).isEqualTo(403);
        // shape: bound roles need a jurisdiction, federal ones none
        assertThat(status(() -> admin.checkCreate(List.of(Roles.JURISDICTION_OFFICIAL), null))).isEqualTo(400);
        assertThat(status(() -> admin.checkCreate(List.of(Roles.DOJ_OFFICER), own))).isEqualTo(400);
    }

    @Test
    void eachCallerSeesOnlyTheirClients() {
        assertThat(admin.sees(List.of(Roles.AUDITOR), null)).isTrue();
        assertThat(auditor.sees(List.of(Roles.LEGAL_OFFICER), other)).isTrue();
        assertThat(auditor.manages()).isFalse();
        assertThat(doj.sees(List.of(Roles.DOJ_OFFICER), null)).isTrue();
        assertThat(doj.sees(List.of(Roles.AUDITOR), null)).isFalse();
        assertThat(doj.sees(List.of(Roles.JURISDICTION_OFFICIAL), own)).isFalse();
        assertThat(agency.sees(List.of(Roles.JURISDICTION_OFFICIAL), own)).isTrue();
        assertThat(agency.sees(List.of(Roles.JURISDICTION_OFFICIAL), other)).isFalse();
        assertThat(official.sees(List.of(Roles.JURISDICTION_OFFICIAL), own)).isFalse();
        assertThat(client.sees(List.of(Roles.DOJ_OFFICER), null)).isFalse();
    }
}
