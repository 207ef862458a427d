package org.grantline.notifications.inbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.shared.test.AuditorWritesContract;

/**
 * Every write route of the notifications service, called directly with an auditor's token: 403
 * (before: an auditor made an all-jurisdiction calendar feed, registered webhooks, marked notices read).
 */
@MicronautTest(transactional = false)
class NotificationsAuditorWritesTest extends AuditorWritesContract {
    @Override
    protected String service() {
        return "notifications";
    }
}
