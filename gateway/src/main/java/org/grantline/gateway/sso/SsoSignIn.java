package org.grantline.gateway.sso;

import static org.grantline.gateway.auth.Secrets.sha256;

import jakarta.inject.Singleton;
import org.grantline.gateway.auth.PasswordHasher;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.gateway.auth.RefreshTokenRepository;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a validated ID token into a GrantLine user: the provider's claim values are mapped to
 * roles through its configuration, bound to the jurisdiction it vouches for, and nothing a claim
 * says beyond that is taken. The first sign-in creates the user (no usable password: it signs in
 * only through its provider); later ones bring roles in line with the mapping, ending the user's
 * tokens when they change. An unmapped user is refused and audited.
 */
@Singleton
public class SsoSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SsoSignIn.class);
    /** What a provider may vouch for: people of its own jurisdiction, never federal, auditor or admin roles. */
    public static final Set<String> GRANTABLE = Set.of(Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SsoProvider> providers;
    private final FederatedIdentityRepository identities;
    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevocations revocations;
    private final PasswordHasher hasher;
    private final AuditTrail audit;

    public SsoSignIn(List<SsoProvider> providers, FederatedIdentityRepository identities, AppUserRepository users,
                     RefreshTokenRepository refreshTokens, TokenRevocations revocations, PasswordHasher hasher,
                     AuditTrail audit) {
        java.util.LinkedHashMap<String, SsoProvider> byName = new java.util.LinkedHashMap<>();
        for (SsoProvider provider : providers) {
            if (provider.getJurisdictionId() == null) {
                throw new IllegalStateException("grantline.sso.providers." + provider.getName() + ".jurisdiction-id is required");
            }
            provider.getRoles().forEach((value, role) -> {
                if (!GRANTABLE.contains(role)) {
                    throw new IllegalStateException("grantline.sso.providers." + provider.getName() + ".roles maps '" + value
                            + "' to " + role + "; a provider may grant only " + GRANTABLE);
                }
            });
            byName.put(provider.getName(), provider);
        }
        this.providers = byName;
        this.identities = identities;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.hasher = hasher;
        this.audit = audit;
    }

    public Collection<SsoProvider> providers() {
        return providers.values();
    }

    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(AppUser user) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    /** The user for this provider's subject and claims, or why not. */
    public Outcome signIn(String providerName, String subject, Map<String, Object> claims) {
        SsoProvider provider = providers.get(providerName);
        if (provider == null) {
            return refuse(providerName, subject, "no-such-provider");
        }
        List<String> roles = mappedRoles(provider, claims.get(provider.getRoleClaim()));
        if (roles.isEmpty()) {
            return refuse(providerName, subject, "unmapped");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Optional<FederatedIdentity> known = identities.findByProviderAndSubject(providerName, subject);
        AppUser user;
        if (known.isPresent()) {
            user = users.findById(known.get().userId()).orElse(null);
            if (user == null || !user.enabled()) {
                return refuse(providerName, subject, "disabled");
            }
            String joined = AppUser.joinRoles(roles);
            if (!joined.equals(user.roles()) || !provider.getJurisdictionId().equals(user.jurisdictionId())) {
                AppUser before = user;
                user = users.update(new AppUser(user.id(), user.username(), user.displayName(), user.email(),
                        user.passwordHash(), joined, provider.getJurisdictionId(), user.enabled(), user.tokenVersion(),
                        user.tokensValidAfter(), user.createdAt(), now, user.version()).withTokensEnded(now));
                refreshTokens.revokeAllOf(user.id(), now);
                revocations.revokeBelow(user.username(), user.tokenVersion());
                audit.recordAs("sso:" + providerName, "user.roles-changed", "user", user.id(),
                        Map.of("roles", before.roleList()), Map.of("roles", roles, "provider", providerName));
            }
            identities.touch(known.get().id(), now);
        } else {
            user = create(provider, subject, claims, roles, now);
        }
        audit.recordAs(user.username(), "user.sso-signed-in", "user", user.id(), null,
                Map.of("provider", providerName, "roles", roles));
        return new Accepted(user);
    }

    private AppUser create(SsoProvider provider, String subject, Map<String, Object> claims, List<String> roles, Instant now) {
        String username = "sso." + provider.getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")
                + "." + sha256(subject).substring(0, 12);
        Object name = claims.get("name");
        Object email = claims.get("email");
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        try {
            AppUser user = users.save(new AppUser(UUID.randomUUID(), username,
                    name instanceof String s && !s.isBlank() ? truncate(s, 200) : username,
                    email instanceof String e && e.length() <= 320 ? e : null,
                    hasher.hash(Base64.getEncoder().encodeToString(random)),   // never told to anyone: SSO only
                    AppUser.joinRoles(roles), provider.getJurisdictionId(), true, 0, null, now, now, null));
            identities.save(new FederatedIdentity(UUID.randomUUID(), provider.getName(), subject, user.id(), now, now));
            audit.recordAs("sso:" + provider.getName(), "user.created", "user", user.id(), null,
                    Map.of("username", username, "roles", roles, "jurisdictionId", provider.getJurisdictionId().toString(),
                            "provider", provider.getName()));
            LOG.info("Created user {} from provider {} with roles {}", username, provider.getName(), roles);
            return user;
        } catch (RuntimeException e) {
            // The same person signing in twice at the same moment: the other request created them.
            if (DatabaseConflicts.isUniqueViolation(e, null)) {
                return users.findByUsername(username).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    static List<String> mappedRoles(SsoProvider provider, Object claim) {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        if (claim instanceof String value) {
            map(provider, value, roles);
        } else if (claim instanceof Collection<?> values) {
            values.forEach(v -> {
                if (v instanceof String value) {
                    map(provider, value, roles);
                }
            });
        }
        return List.copyOf(roles);
    }

    private static void map(SsoProvider provider, String value, Set<String> roles) {
        String role = provider.getRoles().get(value);
        if (role != null && GRANTABLE.contains(role)) {
            roles.add(role);
        }
    }

    private Refused refuse(String provider, String subject, String reason) {
        LOG.warn("Single sign-on through '{}' refused for subject {}: {}", provider, sha256(subject).substring(0, 12), reason);
        audit.recordAs("sso:" + provider, "user.sso-refused", "sso", provider, null,
                Map.of("reason", reason, "subjectHash", sha256(subject).substring(0, 12)));
        return new Refused(reason);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
