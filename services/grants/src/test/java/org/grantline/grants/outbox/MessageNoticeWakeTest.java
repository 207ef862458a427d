package org.grantline.grants.outbox;

import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.grants.NotificationsStub;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
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
class MessageNoticeWakeTest extends GrantsServiceTest {
    final NotificationsStub notifications = new NotificationsStub();
    final UUID city = UUID.randomUUID();

    String requirement;

    @Override
    protected void properties(Map<String, String> p) {
        p.put("micronaut.http.services.notifications.urls", notifications.url());
        p.put("grantline.outbox.relay.enabled", "true");
        p.put("grantline.outbox.sweep-every", "30s");
    }

    @BeforeAll
    void aRequirement() {
        jurisdictions.add(city, "America/New_York");
        String program = GrantsFixtures.program(http, "MW");
        GrantsFixtures.certification1373(http, program);
        requirement = GrantsFixtures.firstRequirement(http, GrantsFixtures.award(http, Map.of("jurisdictionId", city.toString(),
                "programId", program, "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01",
                "certificationDueDate", "2099-01-01")));
    }

    @AfterAll
    void stop() {
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
