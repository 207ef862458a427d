package org.grantline.gateway.user;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.PasswordHasher;
import org.grantline.gateway.auth.RefreshTokenRepository;
import org.grantline.gateway.auth.SignInGuard;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Users and their roles: the rules of the admin API. Whatever changes who a user is (disabled,
 * new roles or jurisdiction, new password) ends their sessions and their access tokens: the
 * refresh tokens are revoked and the token version raised, which the revocation list carries to
 * the gateway replicas and the services.
 */
@Singleton
public class UserService {
    static final String ENTITY = "user";

    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final SignInGuard guard;
    private final TokenRevocations revocations;
    private final AuditTrail audit;
    private final CoverageQueries coverage;

    public UserService(AppUserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                       SignInGuard guard, TokenRevocations revocations, AuditTrail audit, CoverageQueries coverage) {
        this.coverage = coverage;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.guard = guard;
        this.revocations = revocations;
        this.audit = audit;
    }

    @Transactional
    public UserView create(UserCommands.UserCreateCommand command) {
        PasswordHasher.checkLength("password", command.password());
        List<String> roles = checkRoles(command.roles(), command.jurisdictionId());
        if (users.existsByUsername(command.username())) {
            throw duplicateUsername(command.username());
        }
        Instant now = now();
        AppUser user;
        try {
            user = users.save(new AppUser(UUID.randomUUID(), command.username(), command.displayName().strip(),
                    command.email(), hasher.hash(command.password()), AppUser.joinRoles(roles), command.jurisdictionId(),
                    true, 0, null, now, now, null));
        } catch (DataAccessException e) {
            if (DatabaseConflicts.isUniqueViolation(e, "app_user_username_unique")) {
                throw duplicateUsername(command.username());   // taken by a request at the same moment
            }
            throw e;
        }
        UserView view = view(user);
        audit.record("user.created", ENTITY, user.id(), null, view);
        return view;
    }

    public UserPage list(int page, int size, AgencyScope scope, UUID jurisdictionId) {
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.asc("username")));
        UUID only = scope.everyone() ? jurisdictionId : scope.jurisdiction();
        if (!scope.everyone() && only == null) {
            return new UserPage(List.of(), page, size, 0);
        }
        if (!scope.everyone() && jurisdictionId != null && !jurisdictionId.equals(only)) {
            throw Problems.forbidden("An agency administrator sees the users of their own jurisdiction only");
        }
        var result = only == null ? users.findAll(pageable) : users.findByJurisdictionId(only, pageable);
        return new UserPage(result.getContent().stream().map(this::view).toList(), page, size, result.getTotalSize());
    }

    public UserView get(UUID id, AgencyScope scope) {
        return view(scope.check(find(id)));
    }

    @Transactional
    public UserView setRoles(UUID id, UserCommands.UserRolesCommand command, AgencyScope scope) {
        AppUser current = scope.check(find(id));
        scope.checkGrant(command.roles(), command.jurisdictionId());
        List<String> roles = checkRoles(command.roles(), command.jurisdictionId());
        Problems.requireVersion(command.version(), current.version());
        Instant now = now();
        AppUser changed = users.update(new AppUser(id, current.username(), current.displayName(), current.email(),
                current.passwordHash(), AppUser.joinRoles(roles), command.jurisdictionId(), current.enabled(),
                current.tokenVersion(), current.tokensValidAfter(), current.createdAt(), now, current.version())
                .withTokensEnded(now));
        // Neither a refresh nor a token already issued may carry the old roles: the user signs in again.
        endTokens(changed, now);
        UserView view = view(changed);
        audit.record("user.roles-changed", ENTITY, id, view(current), view);
        return view;
    }

    @Transactional
    public UserView setEnabled(UUID id, boolean enabled, String actor, AgencyScope scope) {
        AppUser current = scope.check(find(id));
        if (!enabled && current.username().equals(actor)) {
            throw Problems.conflict("cannot-disable-self", "An administrator cannot disable their own account");
        }
        if (current.enabled() == enabled) {
            return view(current);
        }
        Instant now = now();
        AppUser changed = new AppUser(id, current.username(), current.displayName(), current.email(),
                current.passwordHash(), current.roles(), current.jurisdictionId(), enabled, current.tokenVersion(),
                current.tokensValidAfter(), current.createdAt(), now, current.version());
        changed = users.update(enabled ? changed : changed.withTokensEnded(now));
        if (!enabled) {
            endTokens(changed, now);
        }
        UserView view = view(changed);
        audit.record(enabled ? "user.enabled" : "user.disabled", ENTITY, id, view(current), view);
        return view;
    }

    private static RuntimeException duplicateUsername(String username) {
        return Problems.conflict("duplicate-username", "The username " + username + " is taken");
    }

    /** A user's own password change: the current one must be right; every session and token ends. */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword) {
        PasswordHasher.checkLength("currentPassword", currentPassword);
        PasswordHasher.checkLength("newPassword", newPassword);
        AppUser current = users.findByUsername(username)
                .orElseThrow(() -> Problems.notFound("No such user"));
        if (!hasher.matches(currentPassword, current.passwordHash())) {
            throw Problems.invalid("currentPassword", "is not your current password");
        }
        Instant now = now();
        AppUser changed = users.update(new AppUser(current.id(), current.username(), current.displayName(), current.email(),
                hasher.hash(newPassword), current.roles(), current.jurisdictionId(), current.enabled(),
                current.tokenVersion(), current.tokensValidAfter(), current.createdAt(), now, current.version())
                .withTokensEnded(now));
        endTokens(changed, now);
        audit.record("user.password-changed", ENTITY, current.id(), null, view(changed));
    }

    /** Lifts every sign-in lock of the user (from every address). */
    @Transactional
    public UserView unlock(UUID id, AgencyScope scope) {
        AppUser user = scope.check(find(id));
        UserView before = view(user);
        guard.unlock(id);
        UserView after = view(user);
        audit.record("user.unlocked", ENTITY, id, before, after);
        return after;
    }

    /** How many enabled agency administrators the jurisdiction has, and how many enabled users. */
    public AgencyAdminCoverage coverage(UUID jurisdictionId, AgencyScope scope) {
        if (!scope.covers(jurisdictionId)) {
            throw Problems.forbidden("An agency administrator sees their own jurisdiction only");
        }
        return coverage.of(jurisdictionId).orElse(new AgencyAdminCoverage(jurisdictionId, 0, 0));
    }

    /** Jurisdictions with enabled users but fewer than {@code below} enabled agency administrators. */
    public List<AgencyAdminCoverage> coverageBelow(int below) {
        return coverage.below(below);
    }

    private void endTokens(AppUser user, Instant now) {
        refreshTokens.revokeAllOf(user.id(), now);
        revocations.revokeBelow(user.username(), user.tokenVersion());
    }

    public UserView view(AppUser user) {
        return UserView.of(user, guard.lockedUntil(user.id()).orElse(null));
    }

    private AppUser find(UUID id) {
        return users.findById(id).orElseThrow(() -> Problems.notFound("No user " + id));
    }

    /** Known person roles only; officials, legal officers and agency administrators are bound to exactly one jurisdiction, nobody else is. */
    public static List<String> checkRoles(List<String> requested, UUID jurisdictionId) {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (String role : requested) {
            if (!Roles.USER_ROLES.contains(role)) {
                throw Problems.invalid("roles", "unknown role '" + role + "'; one of " + Roles.USER_ROLES);
            }
            roles.add(role);
        }
        boolean bound = roles.stream().anyMatch(Roles.JURISDICTION_BOUND::contains);
        if (bound && jurisdictionId == null) {
            throw Problems.invalid("jurisdictionId", "officials, legal officers and agency administrators must be bound to a jurisdiction");
        }
        if (bound && roles.size() > roles.stream().filter(Roles.JURISDICTION_BOUND::contains).count()) {
            throw Problems.invalid("roles", "a jurisdiction-bound user cannot also hold a federal role");
        }
        if (!bound && jurisdictionId != null) {
            throw Problems.invalid("jurisdictionId", "only officials, legal officers and agency administrators are bound to a jurisdiction");
        }
        return List.copyOf(roles);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
