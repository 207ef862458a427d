package org.grantline.gateway.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.Collection;
import java.util.UUID;

/**
 * Whose users a caller manages. Administrators (and auditors, who only read) reach every user; an
 * agency administrator reaches the users bound to their own jurisdiction and nobody else, and can
 * give only {@link Roles#AGENCY_GRANTABLE}. A user outside the scope is answered as if absent (404),
 * so an agency administrator cannot even learn that another jurisdiction's user exists.
 */
public record AgencyScope(boolean everyone, @Nullable UUID jurisdiction) {

    public static AgencyScope of(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.has(Roles.ADMIN) || caller.has(Roles.AUDITOR)) {
            return new AgencyScope(true, null);
        }
        // An agency administrator's token always carries a jurisdiction; one without reaches nobody.
        return new AgencyScope(false, caller.has(Roles.AGENCY_ADMIN) ? caller.jurisdictionId().orElse(null) : null);
    }

    public boolean covers(@Nullable UUID userJurisdiction) {
        return everyone || (jurisdiction != null && jurisdiction.equals(userJurisdiction));
    }

    /** The user, or a 404 when they are outside this scope. */
    public AppUser check(AppUser user) {
        if (!covers(user.jurisdictionId())) {
            throw Problems.notFound("No user " + user.id());
        }
        return user;
    }

    /** An agency administrator gives only jurisdiction roles, and only in their own jurisdiction (else 403). */
    public void checkGrant(Collection<String> roles, @Nullable UUID targetJurisdiction) {
        if (everyone) {
            return;
        }
        for (String role : roles) {
            if (!Roles.AGENCY_GRANTABLE.contains(role)) {
                throw Problems.forbidden("An agency administrator cannot give the role " + role
                        + "; only " + Roles.AGENCY_GRANTABLE);
            }
        }
        if (jurisdiction == null || !jurisdiction.equals(targetJurisdiction)) {
            throw Problems.forbidden("An agency administrator manages the users of their own jurisdiction only");
        }
    }
}
