package org.grantline.gateway.apiclient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import org.grantline.gateway.user.UserService;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may create, see and manage which API clients; the whole rule, with no I/O:
 * <ul>
 * <li>{@code ADMIN}: any client, every role a client may hold ({@link #CLIENT_ROLES});</li>
 * <li>{@code AUDITOR} (also with another role): reads every client, changes none;</li>
 * <li>{@code DOJ_OFFICER}: {@code DOJ_OFFICER} clients only, unbound; sees and manages those;</li>
 * <li>{@code AGENCY_ADMIN}: {@code JURISDICTION_OFFICIAL} / {@code LEGAL_OFFICER} clients bound to
 *     their own jurisdiction only (the roles they may give a colleague by invitation, no wider);
 *     sees and manages their jurisdiction's clients only;</li>
 * <li>anyone else, and an API client itself (a client never makes clients): nothing.</li>
 * </ul>
 * A client never gets {@code ADMIN}, {@code AGENCY_ADMIN} or {@code SERVICE} ({@code 400}); a role
 * beyond the creator's powers, or another jurisdiction, is {@code 403}. A client outside the
 * caller's sight is answered as absent ({@code 404}), so its existence does not leak.
 */
public record ApiClientScope(Kind kind, @Nullable UUID jurisdiction) {

    public enum Kind { ADMIN, AUDITOR, DOJ, AGENCY, NONE }

    /** Every role an API client can hold; {@code AUDITOR} is given by an administrator only. */
    public static final List<String> CLIENT_ROLES =
            List.of(Roles.DOJ_OFFICER, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER, Roles.AUDITOR);
    /** Roles no client may hold: they manage people or act as GrantLine itself. */
    public static final List<String> NEVER = List.of(Roles.ADMIN, Roles.AGENCY_ADMIN, Roles.SERVICE);
    private static final Set<String> AGENCY_MAY_GIVE = Set.of(Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER);

    public static ApiClientScope of(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return of(caller.subject(), caller.roles(), caller.jurisdictionId());
    }

    public static ApiClientScope of(String subject, Collection<String> roles, Optional<UUID> jurisdiction) {
        if (subject == null || subject.startsWith(ApiClient.SUBJECT_PREFIX) || roles.contains(Roles.SERVICE)) {
            return new ApiClientScope(Kind.NONE, null);
        }
        if (roles.contains(Roles.ADMIN)) {
            return new ApiClientScope(Kind.ADMIN, null);
        }
        if (roles.contains(Roles.AUDITOR)) {
            return new ApiClientScope(Kind.AUDITOR, null);
        }
        if (roles.contains(Roles.DOJ_OFFICER)) {
            return new ApiClientScope(Kind.DOJ, null);
        }
        if (roles.contains(Roles.AGENCY_ADMIN) && jurisdiction.isPresent()) {
            return new ApiClientScope(Kind.AGENCY, jurisdiction.get());
        }
        return new ApiClientScope(Kind.NONE, null);
    }

    /** The jurisdiction a new client is bound to: as asked, or an agency administrator's own when left out. */
    public @Nullable UUID jurisdictionFor(@Nullable UUID requested) {
        return requested == null && kind == Kind.AGENCY ? jurisdiction : requested;
    }

    /**
     * Checks a new client's roles and binding against this creator: the roles as they will be stored
     * (duplicates dropped), or a 400 (not a client role, a malformed binding) or 403 (beyond the creator).
     */
    public List<String> checkCreate(List<String> requested, @Nullable UUID clientJurisdiction) {
        for (String role : requested) {
            if (NEVER.contains(role)) {
                throw Problems.invalid("roles", "an API client can never hold " + role + "; one of " + CLIENT_ROLES);
            }
            if (!CLIENT_ROLES.contains(role)) {
                throw Problems.invalid("roles", "unknown role '" + role + "'; one of " + CLIENT_ROLES);
            }
        }
        switch (kind) {
            case ADMIN -> {
            }
            case DOJ -> {
                for (String role : requested) {
                    if (!Roles.DOJ_OFFICER.equals(role)) {
                        throw Problems.forbidden("A DOJ officer creates DOJ_OFFICER clients only, not " + role);
                    }
                }
                if (clientJurisdiction != null) {
                    throw Problems.forbidden("A DOJ officer's clients are not bound to a jurisdiction");
                }
            }
            case AGENCY -> {
                for (String role : requested) {
                    if (!AGENCY_MAY_GIVE.contains(role)) {
                        throw Problems.forbidden("An agency administrator creates " + AGENCY_MAY_GIVE.stream().sorted().toList()
                                + " clients only, not " + role);
                    }
                }
                if (clientJurisdiction == null || !clientJurisdiction.equals(jurisdiction)) {
                    throw Problems.forbidden("An agency administrator creates clients of their own jurisdiction only");
                }
            }
            case AUDITOR -> throw Problems.forbidden("Auditors change nothing");
            case NONE -> throw Problems.forbidden("Only administrators, DOJ officers and agency administrators manage API clients");
        }
        // The same shape as a person's roles: bound roles need exactly one jurisdiction, never with a federal role.
        return UserService.checkRoles(requested, clientJurisdiction);
    }

    /** Whether the caller may read this client (else it is answered as absent). */
    public boolean sees(List<String> clientRoles, @Nullable UUID clientJurisdiction) {
        return switch (kind) {
            case ADMIN, AUDITOR -> true;
            case DOJ -> clientJurisdiction == null && !clientRoles.isEmpty()
                    && clientRoles.stream().allMatch(Roles.DOJ_OFFICER::equals);
            case AGENCY -> jurisdiction != null && jurisdiction.equals(clientJurisdiction);
            case NONE -> false;
        };
    }

    /** Whether the caller may rotate or revoke a client they see. */
    public boolean manages() {
        return kind == Kind.ADMIN || kind == Kind.DOJ || kind == Kind.AGENCY;
    }
}
