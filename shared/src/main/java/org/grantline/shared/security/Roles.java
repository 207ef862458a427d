package org.grantline.shared.security;

import java.util.List;

/** The roles a GrantLine token can carry (claim {@code roles}). */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String DOJ_OFFICER = "DOJ_OFFICER";
    /** Bound to one jurisdiction (claim {@code jurisdiction}). */
    public static final String JURISDICTION_OFFICIAL = "JURISDICTION_OFFICIAL";
    /** The jurisdiction's chief legal officer; bound to one jurisdiction. */
    public static final String LEGAL_OFFICER = "LEGAL_OFFICER";
    /** The jurisdiction's agency administrator: manages the users of their own jurisdiction only; bound to it. */
    public static final String AGENCY_ADMIN = "AGENCY_ADMIN";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "AUDITOR";
    /** A GrantLine service acting on its own behalf (client credentials), never a person. */
    public static final String SERVICE = "SERVICE";

    /** Roles a person can hold. */
    public static final List<String> USER_ROLES =
            List.of(ADMIN, DOJ_OFFICER, JURISDICTION_OFFICIAL, LEGAL_OFFICER, AGENCY_ADMIN, AUDITOR);
    /** Roles that only make sense together with a jurisdiction binding. */
    public static final List<String> JURISDICTION_BOUND = List.of(JURISDICTION_OFFICIAL, LEGAL_OFFICER, AGENCY_ADMIN);
    /** The roles an agency administrator may give (to users of their own jurisdiction only). */
    public static final List<String> AGENCY_GRANTABLE = JURISDICTION_BOUND;

    /** Claim that carries the jurisdiction id of a bound user. */
    public static final String JURISDICTION_CLAIM = "jurisdiction";

    private Roles() {
    }
}
