package org.grantline.gateway.sso;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.AudienceJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.IssuerJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JwtClaimsValidatorConfiguration;
import jakarta.inject.Singleton;
import org.grantline.shared.security.TokenLifetimeClaimsValidator;

import java.net.URL;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway checks two kinds of JWT with the same validators: GrantLine's own access tokens
 * (issuer and audience {@code grantline}, at most 15 minutes), and, only while Micronaut Security
 * handles a provider's answer at {@code /oauth/callback/<provider>}, that provider's ID token.
 * There the ID token must come from a configured provider's issuer (Micronaut's OpenID validators
 * then match issuer, audience = client id and {@code azp} to the very provider, and the nonce),
 * may live as long as its provider says (its {@code exp} still counts), and is never accepted
 * as a bearer token anywhere else.
 */
@Factory
public class IdTokenAwareClaimsValidators {
    static final String CALLBACK = "/oauth/callback/";

    /** Micronaut checks the ID token's claims twice, once without the request: then the current request tells. */
    static boolean inCallback(@Nullable Object request) {
        Object current = request != null ? request : ServerRequestContext.currentRequest().orElse(null);
        return current instanceof HttpRequest<?> http && http.getPath().startsWith(CALLBACK);
    }

    static Object issuer(Claims claims) {
        return claims.get(Claims.ISSUER);
    }

    @Singleton
    @Replaces(IssuerJwtClaimsValidator.class)
    public static class Issuer<T> extends IssuerJwtClaimsValidator<T> {
        private final Set<String> providerIssuers;

        public Issuer(JwtClaimsValidatorConfiguration configuration, Collection<OauthClientConfiguration> clients) {
            super(configuration);
            this.providerIssuers = clients.stream()
                    .flatMap(c -> c.getOpenid().flatMap(o -> o.getIssuer()).stream())
                    .map(URL::toString)
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean validate(Claims claims, @Nullable T request) {
            if (inCallback(request)) {
                return issuer(claims) != null && providerIssuers.contains(issuer(claims).toString());
            }
            return super.validate(claims, request);
        }
    }

    @Singleton
    @Replaces(AudienceJwtClaimsValidator.class)
    public static class Audience<T> extends AudienceJwtClaimsValidator<T> {
        public Audience(JwtClaimsValidatorConfiguration configuration) {
            super(configuration);
        }

        @Override
        public boolean validate(Claims claims, @Nullable T request) {
            // An ID token's audience is the provider's client id: Micronaut's OpenID validator checks it.
            return inCallback(request) || super.validate(claims, request);
        }
    }

    @Singleton
    @Replaces(TokenLifetimeClaimsValidator.class)
    public static class Lifetime<T> extends TokenLifetimeClaimsValidator<T> {
        public Lifetime(@io.micronaut.context.annotation.Value("${grantline.jwt.max-lifetime:15m}") Duration maxLifetime) {
            super(maxLifetime);
        }

        @Override
        public boolean validate(Claims claims, @Nullable T request) {
            return inCallback(request) || super.validate(claims, request);
        }
    }
}
