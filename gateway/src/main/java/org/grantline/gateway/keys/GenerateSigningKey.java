package org.grantline.gateway.keys;

import com.nimbusds.jose.JOSEException;

/**
 * Prints a new private signing key (RSA 2048 JWK) for GRANTLINE_JWT_PRIVATE_KEY:
 * {@code java -cp gateway/target/gateway.jar org.grantline.gateway.keys.GenerateSigningKey}
 */
public final class GenerateSigningKey {
    private GenerateSigningKey() {
    }

    public static void main(String[] args) throws JOSEException {
        System.out.println(SigningKeys.generate().toJSONString());
    }
}
