package org.grantline.shared.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Only short-lived tokens: {@code exp} and {@code iat} must both be present, the lifetime
 * ({@code exp - iat}) at most {@code grantline.jwt.max-lifetime} (15 min), and {@code iat} not in
 * the future beyond a minute of clock skew. micronaut-security checks an {@code exp} that is there
 * but accepts a token without one, which would then never expire.
 */
@Singleton
public class TokenLifetimeClaimsValidator<T> implements GenericJwtClaimsValidator<T> {
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final Duration maxLifetime;

    public TokenLifetimeClaimsValidator(@Value("${grantline.jwt.max-lifetime:15m}") Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
        Instant issued = instant(claims.get(Claims.ISSUED_AT));
        if (expires == null || issued == null) {
            return false;
        }
        return !issued.isAfter(Instant.now().plus(SKEW))
                && !Duration.between(issued, expires).isNegative()
                && Duration.between(issued, expires).compareTo(maxLifetime) <= 0;
    }

    private static Instant instant(Object claim) {
        if (claim instanceof Date date) {
            return date.toInstant();
        }
        if (claim instanceof Instant instant) {
            return instant;
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
