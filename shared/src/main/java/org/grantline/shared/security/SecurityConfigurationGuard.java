package org.grantline.shared.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;

import java.util.List;

/**
 * Refuses to start an app whose token validation is incomplete. Without a signature
 * configuration micronaut-security-jwt would accept unsigned ({@code alg=none}) tokens, and
 * without issuer and audience it would accept tokens minted for someone else.
 */
@Context
public class SecurityConfigurationGuard {

    public SecurityConfigurationGuard(List<SignatureConfiguration> signatures,
                                      List<JwksSignatureConfiguration> jwks,
                                      @Value("${micronaut.security.token.jwt.claims-validators.issuer:}") String issuer,
                                      @Value("${micronaut.security.token.jwt.claims-validators.audience:}") String audience,
                                      @Value("${micronaut.security.token.jwt.claims-validators.not-before:false}") boolean notBefore) {
        if (signatures.isEmpty() && jwks.isEmpty()) {
            throw new ConfigurationException("No JWT signature configuration: set "
                    + "micronaut.security.token.jwt.signatures.jwks.grantline.url (GRANTLINE_JWKS_URL)");
        }
        if (issuer.isBlank() || audience.isBlank() || !notBefore) {
            throw new ConfigurationException("JWT claim checks incomplete: set "
                    + "micronaut.security.token.jwt.claims-validators.issuer, .audience and .not-before=true");
        }
    }
}
