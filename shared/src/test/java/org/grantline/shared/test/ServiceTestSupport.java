package org.grantline.shared.test;

import java.util.HashMap;
import java.util.Map;

/** Properties that put one service under test: its database and the stand-in token issuer (keys and revocation list). */
public final class ServiceTestSupport {
    private ServiceTestSupport() {
    }

    public static Map<String, String> properties(String service) {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties(service).forEach((k, v) -> properties.put(k, v.toString()));
        properties.put("micronaut.security.token.jwt.signatures.jwks.grantline.url", TestTokens.shared().jwksUrl());
        properties.put("grantline.revocations.url", TestTokens.shared().revocationsUrl());
        return properties;
    }
}
