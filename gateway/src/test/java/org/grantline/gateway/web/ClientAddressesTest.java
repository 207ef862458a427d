package org.grantline.gateway.web;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behind a load balancer the sign-in throttle counts each client, not the balancer: X-Forwarded-For
 * is believed only from the trusted proxies, read from the right; a client that writes the header
 * itself gains nothing, directly or through the proxy.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressesTest implements TestPropertyProvider {
    static final String PROXY = "127.0.0.5";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(GatewayTestSupport.properties(GatewayTestSupport.unique("root")));
        p.put("grantline.auth.throttle.per-address", "3");
        p.put("grantline.auth.throttle.per-account", "1000");
        p.put("grantline.trusted-proxies", PROXY + "/32,10.0.0.0/8");
        return p;
    }

    List<Integer> attempts(String from, int n, java.util.function.IntFunction<String> forwardedFor) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String json = "{\"username\":\"" + GatewayTestSupport.unique("nobody") + "\",\"password\":\"wrong\"}";
            String header = forwardedFor.apply(i);
            statuses.add(GatewayTestSupport.postFrom(from, server.getURL(), "/login", json,
                    header == null ? Map.of() : Map.of("X-Forwarded-For", header)).status());
        }
        return statuses;
    }

    @Test
    void clientsBehindTheTrustedProxyAreThrottledEachOnItsOwn() {
        assertThat(attempts(PROXY, 4, i -> "203.0.113.7")).containsExactly(401, 401, 401, 429);
        assertThat(attempts(PROXY, 3, i -> "203.0.113.8")).as("another client behind the same proxy").containsOnly(401);
        // The proxy appends what it saw; what the client wrote to the left (here, ever new addresses) is not believed,
        // nor are trusted hops (10.x, an inner balancer) taken for the client.
        assertThat(attempts(PROXY, 4, i -> "198.51.100." + i + ", 203.0.113.9, 10.1.2.3"))
                .containsExactly(401, 401, 401, 429);
    }

    @Test
    void fromAnyOtherPeerTheHeaderIsIgnored() {
        assertThat(attempts("127.0.0.6", 4, i -> "192.0.2." + i)).containsExactly(401, 401, 401, 429);
    }

    @Test
    void aMalformedHeaderFromTheTrustedProxyCountsAsTheProxyItself() {
        assertThat(attempts(PROXY, 4, i -> "not-an-address, " + (i % 2 == 0 ? "x" : "y")))
                .containsExactly(401, 401, 401, 429);
        assertThat(attempts(PROXY, 1, i -> "203.0.113.50")).as("a real client is still its own").containsOnly(401);
    }

    @Test
    void anUnreadableTrustedProxyIsRefusedAtStartup() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example.com"))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/x"))).isInstanceOf(ConfigurationException.class);
    }
}
