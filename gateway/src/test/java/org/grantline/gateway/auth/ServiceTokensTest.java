package org.grantline.gateway.auth;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.shared.config.GrantlineDefaults;
import org.grantline.shared.security.GatewayUrls;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.ServiceTokens;
import org.grantline.shared.security.revocation.GatewayRevocationSource;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client side of service identity, against a real gateway: Micronaut Security's client-credentials
 * client, configured as every service ships it ({@code grantline/service-defaults.yml}), gets a token
 * for the app from the gateway's {@code /oauth/access_token} (HTTP Basic) and reuses it; with several
 * gateways one down, another gives it; a wrong secret is refused. The app under test is the gateway
 * itself, acting as a client named after its application name.
 */
class ServiceTokensTest {
    private static final String SECRET = "gateway-test-secret-0123456789";

    @Test
    void anAppWithAClientSecretGetsAndReusesATokenForItself() throws IOException {
        int port = freePort();
        try (EmbeddedServer server = gateway(port, SECRET, "http://127.0.0.1:" + port)) {
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
        try (EmbeddedServer server = gateway(port, SECRET, "http://127.0.0.1:" + dead + ", http://127.0.0.1:" + port)) {
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

    /** A wrong secret is refused by the gateway (and not tried at every other one); no token, a clear failure. */
    @Test
    void aWrongSecretGetsNoToken() throws IOException {
        int port = freePort();
        try (EmbeddedServer server = gateway(port, "not-the-secret-the-gateway-knows", "http://127.0.0.1:" + port)) {
            ServiceTokens tokens = server.getApplicationContext().getBean(ServiceTokens.class);
            assertThatThrownBy(tokens::token).isInstanceOfSatisfying(HttpClientResponseException.class,
                    refused -> assertThat(refused.code()).isEqualTo(401));
        }
    }

    /** The gateway, knowing the client "gateway" by {@link #SECRET}, and as that client using {@code secret}. */
    private static EmbeddedServer gateway(int port, String secret, String gatewayUrls) {
        Map<String, Object> properties = new HashMap<>(GatewayTestSupport.properties(GatewayTestSupport.unique("root")));
        PropertySource services = GrantlineDefaults.serviceDefaults();
        for (String key : services) {
            if (key.startsWith("micronaut.security.oauth2.")) {
                properties.put(key, services.get(key));
            }
        }
        properties.put("micronaut.server.port", port);
        properties.put("grantline.service-clients.gateway.secret", SECRET);
        properties.put("grantline.client-secret", secret);
        properties.put("grantline.gateway-url", gatewayUrls);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
