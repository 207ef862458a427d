package org.grantline.shared.security.revocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.TokenClaims;

import java.util.Collection;
import java.util.UUID;

/**
 * Refuses a person's token once the gateway has revoked it (signed out, disabled, re-bound, new
 * password), and every person's token while the revocation list is stale. Service tokens (role
 * {@code SERVICE}, client credentials) are not on the list and are not refused for its staleness.
 */
@Singleton
public class RevocationClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private final RevocationList revocations;

    public RevocationClaimsValidator(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Object roles = claims.get("roles");
        if (roles instanceof Collection<?> list && list.size() == 1 && list.contains(Roles.SERVICE)) {
            return true;
        }
        if (!revocations.isFresh()) {
            return false;
        }
        Object subject = claims.get(Claims.SUBJECT);
        if (subject == null) {
            return false;
        }
        UUID session = TokenClaims.session(claims.get(TokenClaims.SESSION));
        long version = TokenClaims.version(claims.get(TokenClaims.VERSION));
        return !revocations.isRevoked(subject.toString(), session, version);
    }
}
