package org.grantline.shared.security;

import java.util.UUID;

/** The GrantLine-specific claims of an access token, besides {@code roles} and {@code jurisdiction}. */
public final class TokenClaims {
    /** The sign-in session a person's token belongs to (a refresh-token family); signing out revokes it. */
    public static final String SESSION = "sid";
    /** The user's token version when the token was issued; disabling, re-binding or a new password raises it. */
    public static final String VERSION = "ver";

    private TokenClaims() {
    }

    /** The session id of a claim value; null when absent or malformed. */
    public static UUID session(Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return UUID.fromString(claim.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The token version of a claim value; 0 when absent, so any revocation of the subject covers it. */
    public static long version(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim != null) {
            try {
                return Long.parseLong(claim.toString());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return 0;
    }
}
