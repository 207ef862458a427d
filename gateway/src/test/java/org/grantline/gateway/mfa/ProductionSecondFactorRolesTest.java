package org.grantline.gateway.mfa;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The production settings (application.yml alone, no GRANTLINE_MFA_REQUIRED_ROLES) require a second factor of agency administrators. */
class ProductionSecondFactorRolesTest {

    @Test
    @SuppressWarnings("unchecked")
    void agencyAdministratorsMustHaveASecondFactorInProduction() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).environments("production").build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            List<String> roles = environment.getRequiredProperty("grantline.mfa.required-roles", List.class);
            SecondFactorPolicy policy = new SecondFactorPolicy();
            policy.setRequiredRoles(roles);
            assertThat(policy.getRequiredRoles()).containsExactly("ADMIN", "DOJ_OFFICER", "LEGAL_OFFICER", "AGENCY_ADMIN");
            assertThat(policy.requiredFor(List.of("AGENCY_ADMIN"))).isTrue();
            assertThat(policy.requiredFor(List.of("JURISDICTION_OFFICIAL"))).isFalse();
        }
    }
}
