package org.grantline.shared.security;

import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is calling, read from the verified token: subject, roles and, for officials and legal
 * officers, the one jurisdiction they are bound to.
 */
public record Caller(String subject, Collection<String> roles, Optional<UUID> jurisdictionId) {

    public static Caller of(Authentication authentication) {
        Object claim = authentication.getAttributes().get(Roles.JURISDICTION_CLAIM);
        Optional<UUID> jurisdiction = Optional.empty();
        if (claim != null) {
            try {
                jurisdiction = Optional.of(UUID.fromString(claim.toString()));
            } catch (IllegalArgumentException e) {
                // A token we signed never carries a malformed id; treat it as unbound.
            }
        }
        return new Caller(authentication.getName(), authentication.getRoles(), jurisdiction);
    }

    /** Subjects of API clients' tokens start so (the gateway's usernames cannot hold a colon). */
    public static final String API_CLIENT_PREFIX = "client:";

    /** True for an integration's API client (client credentials), not a person. */
    public boolean apiClient() {
        return subject != null && subject.startsWith(API_CLIENT_PREFIX);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** DOJ officers, admins and auditors see every jurisdiction's data. */
    public boolean seesAllJurisdictions() {
        return has(Roles.ADMIN) || has(Roles.DOJ_OFFICER) || has(Roles.AUDITOR);
    }

    /** True when the caller may read private data of the given jurisdiction. */
    public boolean canRead(UUID jurisdiction) {
        return seesAllJurisdictions() || jurisdictionId.map(jurisdiction::equals).orElse(false);
    }
}
