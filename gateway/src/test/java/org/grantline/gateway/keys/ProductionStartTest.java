package org.grantline.gateway.keys;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production configuration: the private key comes from configuration, and nothing starts without it. */
class ProductionStartTest {

    Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(GatewayTestSupport.properties(GatewayTestSupport.unique("root")));
        p.remove("grantline.jwt.key-file");
        p.put("micronaut.server.port", -1);
        return p;
    }

    @Test
    void withoutASigningKeyTheGatewayRefusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties(), "test").close())
                .hasStackTraceContaining("GRANTLINE_JWT_PRIVATE_KEY");
    }

    @Test
    void aKeyFromConfigurationSignsTheTokensAndIsPublishedAtKeys() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            GenerateSigningKey.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String jwk = printed.toString().strip();
        Map<String, Object> p = properties();
        p.put("grantline.jwt.private-key", jwk);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
            String kid = com.nimbusds.jose.jwk.JWK.parse(jwk).getKeyID();
            TestHttp http = new TestHttp(server.getURL().toString());
            assertThat(http.get("/keys", null).body()).contains(kid);
            String token = (String) GatewayTestSupport.login(http, (String) p.get("grantline.bootstrap-admin.username"),
                    GatewayTestSupport.PASSWORD).get("access_token");
            assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(kid);
        }
    }
}
