package org.grantline.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * What a notifications test over real HTTP starts from: the service on its test database, grants
 * (and the gateway's token and user endpoints) and the jurisdiction service as stand-ins over real
 * HTTP, GreenMail as the SMTP server, test tokens, and a client. A test class adds its own settings
 * in {@link #properties(Map)}, and may replace {@link #http} (e.g. with one that checks every answer
 * against the published document) in its own {@code @BeforeAll}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NotificationsServiceTest implements TestPropertyProvider {
    protected static final TestTokens TOKENS = TestTokens.shared();
    protected final GrantsStub grants = new GrantsStub();
    protected final JurisdictionStub registry = new JurisdictionStub();
    protected final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    {
        smtp.start();
    }

    @Inject
    protected EmbeddedServer server;
    protected TestHttp http;

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(NotificationsTestSupport.properties(grants, registry, smtp.getSmtp().getPort()));
        properties(p);
        return p;
    }

    /** A test class's own settings, over the common ones. */
    protected void properties(Map<String, String> p) {
    }

    @BeforeAll
    void connectNotificationsServiceTest() {
        http = new TestHttp(server.getURL().toString());
    }

    @AfterAll
    void stopStandInsOfNotificationsServiceTest() {
        smtp.stop();
        grants.close();
        registry.close();
    }
}
