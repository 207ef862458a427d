package org.grantline.jurisdiction.demo;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.grantline.jurisdiction.registry.JurisdictionRepository;
import org.grantline.shared.test.ServiceTestSupport;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** ./suite up --replicas: several jurisdiction instances start at once on one empty database. */
class DemoRegistryReplicasTest {

    @Test
    void threeReplicasStartingTogetherOnAnEmptyDatabaseAllStartAndTheDemoRegistryIsLoadedOnce() throws Exception {
        Map<String, Object> properties = new HashMap<>(ServiceTestSupport.properties("jurisdiction"));
        properties.put("micronaut.server.port", -1);
        // The schema first (Flyway would otherwise make the replicas wait for each other), then three at once.
        ApplicationContext.run(EmbeddedServer.class, properties, "test").close();
        properties.put("grantline.demo.registry", "true");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<EmbeddedServer>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starting.add(pool.submit(() -> ApplicationContext.run(EmbeddedServer.class, properties, "test")));
        }
        List<EmbeddedServer> started = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        for (Future<EmbeddedServer> replica : starting) {
            try {
                started.add(replica.get(3, TimeUnit.MINUTES));
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(e.getCause());
            }
        }
        pool.shutdown();
        try {
            assertThat(failed).as("replicas that failed to start").isEmpty();
            ApplicationContext context = started.get(0).getApplicationContext();
            // Every state and county of the bundled file (3,193 rows) and the places of the 2017 story, once.
            assertThat(context.getBean(JurisdictionRepository.class).count()).isEqualTo(3193 + DemoRegistry.PLACES.size());
            try (Connection connection = DriverManager.getConnection((String) properties.get("datasources.default.url"), "postgres", "");
                 Statement sql = connection.createStatement();
                 ResultSet contacts = sql.executeQuery("SELECT count(*) FROM contact WHERE jurisdiction_id = '"
                         + DemoRegistry.BALTIMORE + "'")) {
                contacts.next();
                assertThat(contacts.getInt(1)).as("Baltimore's demo contacts").isEqualTo(3);
            }
        } finally {
            started.forEach(EmbeddedServer::close);
        }
    }
}
