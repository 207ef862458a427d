package org.grantline.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.grantline.gateway.keys.SigningKeys;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.TokenClaims;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens: RS256, with sub, roles, jurisdiction (where bound), iss, aud, iat, nbf, exp
 * and jti; a person's token also carries its sign-in session ({@code sid}) and the user's token
 * version ({@code ver}), an API client's token the client's version ({@code ver}), which the
 * revocation list refers to.
 */
@Singleton
public class TokenIssuer {
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(15);

    private final SigningKeys keys;
    private final RSASSASigner signer;
    private final String issuer;
    private final String audience;
    private final Duration userTokenLifetime;
    private final Duration serviceTokenLifetime;

    public TokenIssuer(SigningKeys keys,
                       @Value("${micronaut.security.token.jwt.claims-validators.issuer}") String issuer,
                       @Value("${micronaut.security.token.jwt.claims-validators.audience}") String audience,
                       @Value("${grantline.auth.access-token-lifetime:10m}") Duration userTokenLifetime,
                       @Value("${grantline.auth.service-token-lifetime:5m}") Duration serviceTokenLifetime) {
        if (userTokenLifetime.compareTo(MAX_LIFETIME) > 0 || serviceTokenLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("access tokens live at most " + MAX_LIFETIME);
        }
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.userTokenLifetime = userTokenLifetime;
        this.serviceTokenLifetime = serviceTokenLifetime;
        try {
            this.signer = new RSASSASigner(keys.privateKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public record AccessToken(String token, long expiresIn) {
    }

    public AccessToken forUser(String username, String name, List<String> roles, UUID jurisdiction, UUID session,
                               long version) {
        return sign(username, name, roles, jurisdiction, session, version, userTokenLifetime);
    }

    public AccessToken forService(String service) {
        return sign(service, service, List.of(Roles.SERVICE), null, null, null, serviceTokenLifetime);
    }

    /**
     * An API client's token: a person's lifetime, never past the client's expiry, with the client's
     * version as {@code ver} (rotating or revoking the client raises it, which revokes the token).
     */
    public AccessToken forClient(String subject, String name, List<String> roles, UUID jurisdiction, long version,
                                 Instant clientExpiresAt) {
        Duration lifetime = userTokenLifetime;
        if (clientExpiresAt != null) {
            Duration left = Duration.between(Instant.now(), clientExpiresAt);
            if (left.compareTo(lifetime) < 0) {
                lifetime = left.isNegative() ? Duration.ZERO : left;
            }
        }
        return sign(subject, name, roles, jurisdiction, null, version, lifetime);
    }

    /** The longest any access token lives: revocations are kept this long (and a minute of clock skew). */
    public Duration longestLifetime() {
        return userTokenLifetime.compareTo(serviceTokenLifetime) > 0 ? userTokenLifetime : serviceTokenLifetime;
    }

    private AccessToken sign(String subject, String name, List<String> roles, UUID jurisdiction, UUID session,
                             Long version, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("name", name);
        if (jurisdiction != null) {
            claims.claim(Roles.JURISDICTION_CLAIM, jurisdiction.toString());
        }
        if (session != null) {
            claims.claim(TokenClaims.SESSION, session.toString());
        }
        if (version != null) {
            claims.claim(TokenClaims.VERSION, version);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(keys.algorithm())
                .keyID(keys.privateKey().getKeyID()).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new AccessToken(jwt.serialize(), lifetime.toSeconds());
    }
}
