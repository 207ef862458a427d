package org.grantline.jurisdiction;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * A jurisdiction service on a test database, an HTTP client and the fixtures, and a documents
 * stand-in (which also hands out the service's own token). Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RegistryTestBase implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;
    protected TestHttp http;
    protected RegistryFixtures fixtures;
    protected final DocumentsStub documents = new DocumentsStub();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("jurisdiction"));
        p.put("micronaut.http.services.documents.urls", documents.url());
        return p;
    }

    @BeforeAll
    void startClient() {
        http = new TestHttp(server.getURL().toString());
        fixtures = new RegistryFixtures(http);
    }

    @AfterAll
    void stopStub() {
        documents.close();
    }
}
