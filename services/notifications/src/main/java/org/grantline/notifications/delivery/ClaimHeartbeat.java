package org.grantline.notifications.delivery;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.grantline.notifications.plan.Planner;
import org.grantline.notifications.webhook.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats for what this replica holds: its claimed digests and webhook deliveries and the feed
 * lease are extended every {@code claim-heartbeat} (5 s) by one {@code lease} (15 s). A replica that
 * dies stops beating, and the next delivery or planning run of another replica takes its work over
 * once the lease has run out: within lease + one delivery interval (15 s + 15 s). Runs with or
 * without the schedule, since a run asked for over HTTP claims too.
 */
@Singleton
public class ClaimHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimHeartbeat.class);

    private final EmailDispatcher email;
    private final WebhookDispatcher webhooks;
    private final Planner planner;
    private final org.grantline.notifications.message.MessageMailer messages;

    public ClaimHeartbeat(EmailDispatcher email, WebhookDispatcher webhooks, Planner planner,
                          org.grantline.notifications.message.MessageMailer messages) {
        this.messages = messages;
        this.email = email;
        this.webhooks = webhooks;
        this.planner = planner;
    }

    @Scheduled(fixedDelay = "${grantline.notifications.claim-heartbeat:5s}", initialDelay = "${grantline.notifications.claim-heartbeat:5s}")
    public void beat() {
        try {
            email.beat();
            webhooks.beat();
            planner.beat();
            messages.beat();
        } catch (RuntimeException e) {
            LOG.debug("Claim heartbeat failed: {}", e.toString());
        }
    }
}
