package org.grantline.shared.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared defaults reach every app, and an app's own application.yml still overrides any of them. */
class GrantlineDefaultsTest {

    @Test
    void everyContextGetsTheSharedDefaults() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment env = context.getEnvironment().start();
            assertThat(env.getProperty("micronaut.serde.serialization.inclusion", String.class)).contains("ALWAYS");
            assertThat(env.getProperty("micronaut.lifecycle.graceful-shutdown.grace-period", String.class)).contains("15s");
            assertThat(env.getProperty("flyway.datasources.default.locations", String.class)).contains("classpath:db/migration");
            assertThat(env.getProperty("endpoints.refresh.enabled", Boolean.class)).contains(false);
            // shared is not the gateway: the service defaults (tokens checked against the gateway's JWKS) are in
            assertThat(env.getProperty("micronaut.security.token.jwt.signatures.jwks.grantline.url", String.class))
                    .contains("http://gateway:8080/keys");
            assertThat(env.getProperty("grantline.security.auditors-read-only", Boolean.class)).contains(true);
        }
    }

    @Test
    void anAppsOwnApplicationYmlOverridesADefaultAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("application.yml"), """
                micronaut:
                  lifecycle:
                    graceful-shutdown:
                      grace-period: 3s
                consul:
                  client:
                    registration:
                      enabled: false
                """);
        try (URLClassLoader app = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             ApplicationContext context = ApplicationContext.builder(app).build()) {
            Environment env = context.getEnvironment().start();
            assertThat(env.getProperty("micronaut.lifecycle.graceful-shutdown.grace-period", String.class)).contains("3s");
            assertThat(env.getProperty("consul.client.registration.enabled", Boolean.class)).contains(false);
            assertThat(env.getProperty("micronaut.lifecycle.graceful-shutdown.enabled", Boolean.class)).contains(true);
            assertThat(env.getProperty("consul.client.registration.check.interval", String.class)).contains("10s");
        }
    }

    @Test
    void theGatewayGetsTheCommonDefaultsButNotTheServicesJwksOrAuditorRule() {
        List<PropertySource> gateway = GrantlineDefaults.sources(true);
        assertThat(gateway).hasSize(1);
        assertThat(gateway.get(0).get("micronaut.serde.serialization.inclusion")).isEqualTo("ALWAYS");
        assertThat(gateway.get(0).get("micronaut.security.token.jwt.signatures.jwks.grantline.url")).isNull();
        assertThat(gateway.get(0).get("grantline.security.auditors-read-only")).isNull();

        List<PropertySource> service = GrantlineDefaults.sources(false);
        assertThat(service).hasSize(2);
        assertThat(service.get(1).getOrder()).isGreaterThan(service.get(0).getOrder());
        assertThat(service.get(1).getOrder()).isLessThan(-300);   // below application.yml
    }
}
