package org.grantline.gateway.user;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.PasswordHasher;
import org.grantline.gateway.auth.RefreshTokenRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Users and their roles: the rules of the admin API. */
@Singleton
public class UserService {
    static final String ENTITY = "user";

    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final AuditTrail audit;

    public UserService(AppUserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                       AuditTrail audit) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.audit = audit;
    }

    @Transactional
    public UserView create(UserCommands.UserCreateCommand command) {
        List<String> roles = checkRoles(command.roles(), command.jurisdictionId());
        if (users.existsByUsername(command.username())) {
            throw Problems.conflict("duplicate-username", "The username " + command.username() + " is taken");
        }
        Instant now = now();
        AppUser user = users.save(new AppUser(UUID.randomUUID(), command.username(), command.displayName().strip(),
                command.email(), hasher.hash(command.password()), AppUser.joinRoles(roles), command.jurisdictionId(),
                true, 0, null, now, now, null));
        UserView view = UserView.of(user);
        audit.record("user.created", ENTITY, user.id(), null, view);
        return view;
    }

    public UserPage list(int page, int size) {
        var result = users.findAll(Pageable.from(page, size, Sort.of(Sort.Order.asc("username"))));
        return new UserPage(result.getContent().stream().map(UserView::of).toList(), page, size, result.getTotalSize());
    }

    public UserView get(UUID id) {
        return UserView.of(find(id));
    }

    @Transactional
    public UserView setRoles(UUID id, UserCommands.UserRolesCommand command) {
        List<String> roles = checkRoles(command.roles(), command.jurisdictionId());
        AppUser current = find(id);
        AppUser changed = users.update(new AppUser(id, current.username(), current.displayName(), current.email(),
                current.passwordHash(), AppUser.joinRoles(roles), command.jurisdictionId(), current.enabled(),
                current.failedAttempts(), current.lockedUntil(), current.createdAt(), now(), current.version()));
        // A refresh must not hand out the old roles: the user signs in again.
        refreshTokens.revokeAllOf(id, now());
        UserView view = UserView.of(changed);
        audit.record("user.roles-changed", ENTITY, id, UserView.of(current), view);
        return view;
    }

    @Transactional
    public UserView setEnabled(UUID id, boolean enabled, String actor) {
        AppUser current = find(id);
        if (!enabled && current.username().equals(actor)) {
            throw Problems.conflict("cannot-disable-self", "An administrator cannot disable their own account");
        }
        if (current.enabled() == enabled) {
            return UserView.of(current);
        }
        AppUser changed = users.update(new AppUser(id, current.username(), current.displayName(), current.email(),
                current.passwordHash(), current.roles(), current.jurisdictionId(), enabled, 0, null,
                current.createdAt(), now(), current.version()));
        if (!enabled) {
            refreshTokens.revokeAllOf(id, now());
        }
        UserView view = UserView.of(changed);
        audit.record(enabled ? "user.enabled" : "user.disabled", ENTITY, id, UserView.of(current), view);
        return view;
    }

    private AppUser find(UUID id) {
        return users.findById(id).orElseThrow(() -> Problems.notFound("No user " + id));
    }

    /** Known person roles only; officials and legal officers are bound to exactly one jurisdiction, nobody else is. */
    static List<String> checkRoles(List<String> requested, UUID jurisdictionId) {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (String role : requested) {
            if (!Roles.USER_ROLES.contains(role)) {
                throw Problems.invalid("roles", "unknown role '" + role + "'; one of " + Roles.USER_ROLES);
            }
            roles.add(role);
        }
        boolean bound = roles.stream().anyMatch(Roles.JURISDICTION_BOUND::contains);
        if (bound && jurisdictionId == null) {
            throw Problems.invalid("jurisdictionId", "officials and legal officers must be bound to a jurisdiction");
        }
        if (bound && roles.size() > roles.stream().filter(Roles.JURISDICTION_BOUND::contains).count()) {
            throw Problems.invalid("roles", "a jurisdiction-bound user cannot also hold a federal role");
        }
        if (!bound && jurisdictionId != null) {
            throw Problems.invalid("jurisdictionId", "only officials and legal officers are bound to a jurisdiction");
        }
        return List.copyOf(roles);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
