package org.grantline.notifications.delivery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.notifications.message.MessageMailer;
import org.grantline.notifications.plan.Planner;
import org.grantline.notifications.webhook.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pass of the whole pipeline: plan from the feed, fan out what is due, send emails and webhooks (and conversation messages' emails). */
@Singleton
public class ReminderRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderRunner.class);
    private final Planner planner;
    private final FanOut fanOut;
    private final EmailDispatcher email;
    private final WebhookDispatcher webhooks;
    private final MessageMailer messages;

    public ReminderRunner(Planner planner, FanOut fanOut, EmailDispatcher email, WebhookDispatcher webhooks, MessageMailer messages) {
        this.planner = planner;
        this.messages = messages;
        this.fanOut = fanOut;
        this.email = email;
        this.webhooks = webhooks;
    }

    /**
     * What one run did, and how long planning (feed to planned reminders), delivery (fan-out to
     * recipients and sending) and the sending of the digests alone took. {@code webhooksSent} and
     * {@code webhooksFailed} count reminders' and conversation messages' posts; {@code messageEmailsSent}
     * the conversation messages' emails the run sent.
     */
    @Serdeable
    public record Report(boolean planned, int feedItems, int remindersPlanned, int remindersStopped, String planningError,
                         int remindersDue, int emailsSent, int emailsFailed, int emailsDead, int webhooksSent, int webhooksFailed,
                         int messageEmailsSent, long planningMillis, long deliveryMillis, long sendingMillis) {
    }

    public Report plan() {
        long started = System.nanoTime();
        Planner.Result p = planner.run();
        return new Report(p.ran(), p.items(), p.planned(), p.cancelled(), p.error(), 0, 0, 0, 0, 0, 0, 0,
                (System.nanoTime() - started) / 1_000_000, 0, 0);
    }

    public Report deliver() {
        long started = System.nanoTime();
        int due = fanOut.run();
        long sending = System.nanoTime();
        EmailDispatcher.Outcome e = email.run();
        long sendingMillis = (System.nanoTime() - sending) / 1_000_000;
        WebhookDispatcher.Outcome w = webhooks.run();
        MessageMailer.Outcome m = MessageMailer.Outcome.NONE;
        try {
            m = messages.run();   // conversation messages' emails ride on this loop: no schedule of their own
        } catch (RuntimeException ex) {
            LOG.warn("Conversation message emails not sent now: {}", ex.toString());
        }
        return new Report(false, 0, 0, 0, null, due, e.sent(), e.failed(), e.dead(), w.sent(), w.failed() + w.dead(), m.sent(),
                0, (System.nanoTime() - started) / 1_000_000, sendingMillis);
    }

    public Report runOnce() {
        Report p = plan();
        Report d = deliver();
        return new Report(p.planned(), p.feedItems(), p.remindersPlanned(), p.remindersStopped(), p.planningError(),
                d.remindersDue(), d.emailsSent(), d.emailsFailed(), d.emailsDead(), d.webhooksSent(), d.webhooksFailed(),
                d.messageEmailsSent(), p.planningMillis(), d.deliveryMillis(), d.sendingMillis());
    }

    /** The schedule every replica runs; claims and the feed lease keep them from doing the same work twice. */
    @Singleton
    @Requires(property = "grantline.notifications.scheduler.enabled", notEquals = "false")
    static class Schedule {
        private final ReminderRunner runner;

        Schedule(ReminderRunner runner) {
            this.runner = runner;
        }

        @Scheduled(fixedDelay = "${grantline.notifications.plan-every:5m}", initialDelay = "${grantline.notifications.first-run:20s}")
        void plan() {
            runner.plan();
        }

        @Scheduled(fixedDelay = "${grantline.notifications.deliver-every:30s}", initialDelay = "${grantline.notifications.first-run:20s}")
        void deliver() {
            runner.deliver();
        }
    }
}
