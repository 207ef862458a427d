package org.grantline.jurisdiction;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/** A jurisdiction service on a test database, an HTTP client and the fixtures. Subclasses add {@code @MicronautTest}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RegistryTestBase implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;
    protected TestHttp http;
    protected RegistryFixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties("jurisdiction");
    }

    @BeforeAll
    void startClient() {
        http = new TestHttp(server.getURL().toString());
        fixtures = new RegistryFixtures(http);
    }
}
