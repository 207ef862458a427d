package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Publishes the public key at {@code /keys} (JWKS) and lets the gateway verify its own tokens:
 * RS256 with this key, and only under this key's id, as the services' JWKS verification does.
 */
@Factory
public class KeyBeans {

    @Singleton
    JwkProvider jwks(SigningKeys keys) {
        List<JWK> published = List.of(keys.publicKey());
        return () -> published;
    }

    @Singleton
    @Named("gateway")
    SignatureConfiguration ownSignature(SigningKeys keys) {
        RSASSAVerifier verifier;
        try {
            verifier = new RSASSAVerifier(keys.publicKey().toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String keyId = keys.publicKey().getKeyID();
        return new SignatureConfiguration() {
            @Override
            public String supportedAlgorithmsMessage() {
                return "Only RS256 is supported";
            }

            @Override
            public boolean supports(JWSAlgorithm algorithm) {
                return JWSAlgorithm.RS256.equals(algorithm);
            }

            @Override
            public boolean verify(SignedJWT jwt) throws JOSEException {
                return keyId.equals(jwt.getHeader().getKeyID()) && jwt.verify(verifier);
            }
        };
    }
}
