package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.util.UUID;

/**
 * Prints a new private signing key (EC P-256 JWK) for GRANTLINE_JWT_PRIVATE_KEY:
 * {@code java -cp gateway/target/gateway.jar org.grantline.gateway.keys.GenerateSigningKey}
 */
public final class GenerateSigningKey {
    private GenerateSigningKey() {
    }

    public static void main(String[] args) throws JOSEException {
        System.out.println(new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .generate()
                .toJSONString());
    }
}
