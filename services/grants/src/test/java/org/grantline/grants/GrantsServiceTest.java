package org.grantline.grants;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * What a grants test over real HTTP starts from: the service on its test database, the
 * jurisdiction and documents services as stand-ins over real HTTP (the documents stand-in also
 * hands out this service's own token), test tokens, and a client. A test class adds its own
 * settings in {@link #properties(Map)}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GrantsServiceTest implements TestPropertyProvider {
    protected static final TestTokens TOKENS = TestTokens.shared();
    protected final JurisdictionStub jurisdictions = new JurisdictionStub();
    protected final DocumentsStub documents = new DocumentsStub();

    @Inject
    protected EmbeddedServer server;
    protected TestHttp http;

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("grants"));
        p.put("micronaut.http.services.jurisdiction.urls", jurisdictions.url());
        p.put("micronaut.http.services.documents.urls", documents.url());
        properties(p);
        return p;
    }

    /** A test class's own settings, over the common ones. */
    protected void properties(Map<String, String> p) {
    }

    @BeforeAll
    void connectGrantsServiceTest() {
        http = new TestHttp(server.getURL().toString());
    }

    @AfterAll
    void stopStandInsOfGrantsServiceTest() {
        jurisdictions.close();
        documents.close();
    }
}
