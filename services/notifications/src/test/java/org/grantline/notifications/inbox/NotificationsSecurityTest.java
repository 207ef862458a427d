package org.grantline.notifications.inbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.grantline.shared.test.ServiceSecurityContract;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class NotificationsSecurityTest extends ServiceSecurityContract {

    @Inject
    NotificationRepository notifications;

    @Override
    protected String service() {
        return "notifications";
    }

    @Override
    protected String protectedPath() {
        return "/api/notifications";
    }

    @Test
    void everyoneReadsTheirOwnInboxOnly() {
        String mine = "Certification due in 7 days " + UUID.randomUUID();
        String theirs = "Certification overdue " + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        notifications.save(new Notification(UUID.randomUUID(), "alice.inbox", mine, "body", now, null));
        notifications.save(new Notification(UUID.randomUUID(), "bob.inbox", theirs, "body", now, null));

        String alice = TOKENS.token("alice.inbox", List.of("JURISDICTION_OFFICIAL"), UUID.randomUUID());
        TestHttp.Response inbox = http.get("/api/notifications", alice);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.body()).contains(mine).doesNotContain(theirs);
        assertThat(http.get("/api/notifications", TOKENS.admin()).body()).doesNotContain(mine).doesNotContain(theirs);
    }
}
