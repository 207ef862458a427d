package org.grantline.notifications.owner;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.security.Roles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A calendar feed or webhook belongs to the person who made it and lives by who that person is
 * now, as the gateway says: a disabled or deleted owner's feeds answer 404 and their webhooks are
 * not posted; an owner moved to another jurisdiction sees that one's deadlines. Answers are kept
 * for {@code owner-check-ttl} (2 s), so a change takes hold within that plus one call. When the
 * gateway cannot be asked, {@link OwnerUnavailable} is thrown: nothing is served on a guess.
 */
@Singleton
public class Owners {
    private final GatewayUsersClient gateway;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Owners(GatewayUsersClient gateway, NotificationsConfig config) {
        this.gateway = gateway;
        this.ttl = config.getOwnerCheckTtl();
    }

    /** An owner as they are now. */
    public record Owner(String username, boolean enabled, List<String> roles, @Nullable UUID jurisdictionId,
                        @Nullable java.time.Instant tokensValidAfter, @Nullable String email) {
        /** DOJ officers, admins and auditors see every jurisdiction. */
        public boolean seesAll() {
            return roles.contains(Roles.ADMIN) || roles.contains(Roles.DOJ_OFFICER) || roles.contains(Roles.AUDITOR);
        }

        /** Whether this owner may still be told about the jurisdiction's deadlines. */
        public boolean mayRead(@Nullable UUID jurisdiction) {
            return enabled && (seesAll() || (jurisdictionId != null && jurisdictionId.equals(jurisdiction)));
        }
    }

    private record Cached(Optional<Owner> owner, long readAtNanos) {
    }

    /** The owner, enabled or not; empty when the gateway knows no such user. */
    public Optional<Owner> current(String username) {
        Cached cached = cache.get(username);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAtNanos() < ttl.toNanos()) {
            return cached.owner();
        }
        Optional<Owner> owner;
        try {
            owner = gateway.user(username)
                    .map(u -> new Owner(u.username(), u.enabled(), u.roles() == null ? List.of() : u.roles(), u.jurisdictionId(),
                            u.tokensValidAfter(), u.email()));
        } catch (RuntimeException e) {
            throw new OwnerUnavailable(e);
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(username, new Cached(owner, now));
        return owner;
    }

    /** The gateway could not say who the owner is now. */
    public static final class OwnerUnavailable extends RuntimeException {
        OwnerUnavailable(Throwable cause) {
            super("the gateway could not say who the owner is now", cause);
        }
    }
}
