package org.grantline.jurisdiction;

import io.micronaut.context.ApplicationContext;
import io.micronaut.discovery.DiscoveryClient;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.devtools.DevConsul;
import org.grantline.shared.test.ServiceTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas register with Consul (the development agent, which speaks its HTTP API), are discovered, and deregister on shutdown. */
class ConsulRegistrationTest {
    final DevConsul consul = new DevConsul();

    @AfterEach
    void stop() {
        consul.close();
    }

    EmbeddedServer replica() {
        Map<String, Object> properties = new HashMap<>(ServiceTestSupport.properties("jurisdiction"));
        properties.put("consul.client.default-zone", "127.0.0.1:" + consul.port());
        properties.put("consul.client.registration.enabled", true);
        properties.put("consul.client.discovery.enabled", true);
        properties.put("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoReplicasRegisterUnderTheServiceNameWithDistinctIdsAndAHealthCheck() {
        try (EmbeddedServer first = replica(); EmbeddedServer second = replica()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> consul.instancesOf("jurisdiction").size() == 2);
            List<Map<String, Object>> registered = consul.instancesOf("jurisdiction");
            assertThat(registered).extracting(r -> r.get("ID")).doesNotHaveDuplicates();
            assertThat(registered).extracting(r -> ((Number) r.get("Port")).intValue())
                    .containsExactlyInAnyOrder(first.getPort(), second.getPort());
            for (Map<String, Object> r : registered) {
                Map<String, Object> check = r.get("Check") instanceof Map<?, ?> c ? (Map<String, Object>) c
                        : ((List<Map<String, Object>>) r.get("Checks")).get(0);
                assertThat(String.valueOf(check.get("HTTP"))).endsWith(":" + r.get("Port") + "/health");
            }

            DiscoveryClient discovery = first.getApplicationContext().getBean(DiscoveryClient.class);
            List<ServiceInstance> found = Mono.from(discovery.getInstances("jurisdiction")).block(Duration.ofSeconds(5));
            assertThat(found).extracting(ServiceInstance::getPort)
                    .containsExactlyInAnyOrder(first.getPort(), second.getPort());

            second.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> consul.instancesOf("jurisdiction").size() == 1);
            assertThat(consul.deregistered()).hasSize(1);
            assertThat(((Number) consul.instancesOf("jurisdiction").get(0).get("Port")).intValue()).isEqualTo(first.getPort());
        }
    }
}
