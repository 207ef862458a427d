package org.grantline.gateway.auth;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.gateway.GatewayTestSupport;
import io.micronaut.json.JsonMapper;
import org.grantline.shared.security.GatewayUrls;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.revocation.GatewayRevocationSource;
import org.grantline.shared.security.ServiceTokens;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of service identity (shared {@link ServiceTokens}), against a real gateway: an
 * app with a client secret gets a token for itself by client credentials and reuses it.
 */
class ServiceTokensTest {

    @Test
    void anAppWithAClientSecretGetsAndReusesATokenForItself() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>(GatewayTestSupport.properties(GatewayTestSupport.unique("root")));
        properties.put("micronaut.server.port", port);
        // The app under test is the gateway itself, acting as a client named after its application name.
        properties.put("grantline.service-clients.gateway.secret", "gateway-test-secret-0123456789");
        properties.put("grantline.client-secret", "gateway-test-secret-0123456789");
        properties.put("grantline.gateway-url", "http://127.0.0.1:" + port);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            ServiceTokens tokens = server.getApplicationContext().getBean(ServiceTokens.class);
            String token = tokens.token();
            assertThat(tokens.token()).as("cached until shortly before it expires").isEqualTo(token);
            Map<String, Object> me = new TestHttp(server.getURL().toString()).get("/api/me", token).json();
            assertThat(me).containsEntry("username", "gateway");
            assertThat(me.get("roles")).isEqualTo(List.of(Roles.SERVICE));
        }
    }

    /**
     * Services name every gateway (GRANTLINE_GATEWAY_URL, comma-separated): with the first one down
     * (here: a port nothing listens on), the token and the revocation list come from the next.
     */
    @Test
    void withSeveralGatewaysOneDownTheTokenAndTheRevocationListComeFromAnother() throws Exception {
        int port = freePort();
        int dead = freePort();
        Map<String, Object> properties = new HashMap<>(GatewayTestSupport.properties(GatewayTestSupport.unique("root")));
        properties.put("micronaut.server.port", port);
        properties.put("grantline.service-clients.gateway.secret", "gateway-test-secret-0123456789");
        properties.put("grantline.client-secret", "gateway-test-secret-0123456789");
        properties.put("grantline.gateway-url", "http://127.0.0.1:" + dead + ", http://127.0.0.1:" + port);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            ServiceTokens tokens = server.getApplicationContext().getBean(ServiceTokens.class);
            String token = tokens.token();
            Map<String, Object> me = new TestHttp(server.getURL().toString()).get("/api/me", token).json();
            assertThat(me).containsEntry("username", "gateway");
            GatewayRevocationSource revocations = new GatewayRevocationSource("",
                    server.getApplicationContext().getBean(GatewayUrls.class),
                    server.getApplicationContext().getProvider(ServiceTokens.class),
                    server.getApplicationContext().getBean(JsonMapper.class));
            assertThat(revocations.fetch()).as("the list, read from the gateway that answers").isNotNull();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
