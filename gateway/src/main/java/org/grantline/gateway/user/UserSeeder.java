package org.grantline.gateway.user;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.PasswordHasher;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Creates the first users at start-up, only where missing (safe with several replicas: a lost
 * race on the unique username is ignored). Production: one administrator from
 * {@code GRANTLINE_ADMIN_USERNAME}/{@code GRANTLINE_ADMIN_PASSWORD}, if given. Embedded default:
 * the demo users, all with {@code GRANTLINE_DEMO_PASSWORD}.
 */
@Singleton
public class UserSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(UserSeeder.class);

    private final AppUserRepository users;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final boolean demo;
    private final String demoPassword;
    private final UUID demoJurisdiction;
    private final String adminUsername;
    private final String adminPassword;

    public UserSeeder(AppUserRepository users, PasswordHasher hasher, AuditTrail audit,
                      @Value("${grantline.demo.enabled:false}") boolean demo,
                      @Value("${grantline.demo.password:}") String demoPassword,
                      @Value("${grantline.demo.jurisdiction-id:7a0c5d3e-0000-4000-8000-000024040000}") UUID demoJurisdiction,
                      @Value("${grantline.bootstrap-admin.username:}") String adminUsername,
                      @Value("${grantline.bootstrap-admin.password:}") String adminPassword) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.demo = demo;
        this.demoPassword = demoPassword;
        this.demoJurisdiction = demoJurisdiction;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!adminUsername.isBlank() && !adminPassword.isBlank()) {
            seed(adminUsername, "Administrator", adminPassword, List.of(Roles.ADMIN), null);
        }
        if (demo) {
            if (demoPassword.isBlank()) {
                throw new IllegalStateException("grantline.demo.password is empty");
            }
            seed("admin", "Demo Administrator", demoPassword, List.of(Roles.ADMIN), null);
            seed("doj.officer", "Dana Officer (DOJ OJP)", demoPassword, List.of(Roles.DOJ_OFFICER), null);
            seed("baltimore.official", "Bailey Official (Baltimore)", demoPassword,
                    List.of(Roles.JURISDICTION_OFFICIAL), demoJurisdiction);
            seed("baltimore.counsel", "Casey Counsel (Baltimore City Solicitor)", demoPassword,
                    List.of(Roles.LEGAL_OFFICER), demoJurisdiction);
            seed("baltimore.admin", "Alex Admin (Baltimore agency administrator)", demoPassword,
                    List.of(Roles.AGENCY_ADMIN), demoJurisdiction);
            seed("auditor", "Avery Auditor (OIG)", demoPassword, List.of(Roles.AUDITOR), null);
        }
    }

    private void seed(String username, String name, String password, List<String> roles, UUID jurisdiction) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            throw new IllegalStateException("The password for " + username + " is longer than bcrypt takes ("
                    + PasswordHasher.MAX_BYTES + " bytes)");
        }
        if (users.existsByUsername(username)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            AppUser user = users.save(new AppUser(UUID.randomUUID(), username, name, null, hasher.hash(password),
                    AppUser.joinRoles(roles), jurisdiction, true, 0, null, now, now, null));
            audit.recordAs("system", "user.seeded", UserService.ENTITY, user.id(), null, UserView.of(user, null));
            LOG.info("Created user {} with roles {}", username, roles);
        } catch (RuntimeException e) {
            if (!users.existsByUsername(username)) {
                throw e;
            }
        }
    }
}
