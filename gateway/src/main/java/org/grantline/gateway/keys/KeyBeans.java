package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

/** Publishes the public key at {@code /keys} (JWKS) and lets the gateway verify its own tokens. */
@Factory
public class KeyBeans {

    @Singleton
    JwkProvider jwks(SigningKeys keys) {
        List<JWK> published = List.of(keys.publicKey());
        return () -> published;
    }

    @Singleton
    @Named("gateway")
    RSASignatureConfiguration ownSignature(SigningKeys keys) {
        RSAPublicKey publicKey;
        try {
            publicKey = keys.publicKey().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return () -> publicKey;
    }
}
