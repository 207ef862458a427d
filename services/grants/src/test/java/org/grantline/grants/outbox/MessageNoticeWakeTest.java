package org.grantline.grants.outbox;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.grants.DocumentsStub;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.JurisdictionStub;
import org.grantline.grants.NotificationsStub;
import org.grantline.shared.test.ServiceTestSupport;
import org.grantline.shared.test.TestHttp;
import org.grantline.shared.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the relays running (as in production), a shared message reaches notifications right after its
 * commit, woken by the {@code message_notices} NOTIFY on the listener the requirement outbox shares,
 * not by the sweep (set far longer here).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageNoticeWakeTest implements TestPropertyProvider {
    static final TestTokens TOKENS = TestTokens.shared();
    final JurisdictionStub jurisdictions = new JurisdictionStub();
    final DocumentsStub documents = new DocumentsStub();
    final NotificationsStub notifications = new NotificationsStub();
    final UUID city = UUID.randomUUID();

    @Inject
    EmbeddedServer server;
    TestHttp http;
    String requirement;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("grants"));
        p.put("micronaut.http.services.jurisdiction.urls", jurisdictions.url());
        p.put("micronaut.http.services.documents.urls", documents.url());
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        p.put("grantline.outbox.relay.enabled", "true");
        p.put("grantline.outbox.sweep-every", "30s");
        return p;
    }

    @BeforeAll
    void aRequirement() {
        jurisdictions.add(city, "America/New_York");
        http = new TestHttp(server.getURL().toString());
        String program = GrantsFixtures.program(http, "MW");
        GrantsFixtures.certification1373(http, program);
        requirement = GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", city.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01")));
    }

    @AfterAll
    void stop() {
        jurisdictions.close();
        documents.close();
        notifications.close();
    }

    @Test
    void aSharedMessageReachesNotificationsWellWithinASecondOfItsCommit() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestHttp.Response posted = http.post("/api/certifications/requirements/" + requirement + "/messages", TOKENS.official(city),
                    Map.of("body", "Question " + i));
            long committed = System.nanoTime();   // the answer comes after the commit
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            UUID message = UUID.fromString((String) posted.json().get("id"));
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> !notifications.noticesOf(message).isEmpty());
            millis.add((System.nanoTime() - committed) / 1_000_000);
        }
        System.out.println("Message outbox: commit to notifications told, ms: " + millis);
        assertThat(millis).as("woken at commit, not by the 30 s sweep").allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        assertThat(notifications.unauthorized.get()).isZero();
    }
}
