package org.grantline.notifications.webhook;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.ClaimTable;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.api.SubjectKind;
import org.grantline.notifications.message.MessageNotices;
import org.grantline.notifications.owner.Owners;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Posts webhook deliveries of reminders ({@code delivery}, channel WEBHOOK) and of conversation
 * messages ({@code message_webhook}): claimed like emails ({@link ClaimTable}: SKIP LOCKED, then
 * SENDING with a lease), signed with HMAC-SHA256, a 2xx answer is SENT, anything else retries with
 * backoff until DEAD. The client resolves names through {@link WebhookTargets} (an internal address
 * is refused at connect time, whatever DNS said at registration) and follows no redirect. What the
 * owner sees of a failure is its HTTP status or "no answer", never the exception, which would map
 * the network; the detail is logged here. A webhook whose owner is disabled is not posted; one whose
 * owner moved to another jurisdiction follows them and is not posted the old jurisdiction's events.
 */
@Singleton
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String REMOVED = "webhook removed";
    static final String OWNER_GONE = "owner disabled";
    static final String OWNER_MOVED = "owner no longer in this jurisdiction";

    private final TransactionOperations<Connection> tx;
    private final WebhookRepository webhooks;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json;
    private final CloseableHttpClient http;
    private final Owners owners;
    /** Reminders' webhook deliveries, audited as "delivery". */
    private final ClaimTable<DeliveryStatus> reminders;
    /** Conversation messages' webhook deliveries, audited as "message_webhook". */
    private final ClaimTable<DeliveryStatus> messages;

    public WebhookDispatcher(TransactionOperations<Connection> tx, WebhookRepository webhooks, NotificationsConfig config,
                             AuditTrail audit, Clock clock, JsonMapper json, WebhookTargets targets, Owners owners,
                             @Value("${micronaut.application.instance.id:local}") String instance) {
        this.owners = owners;
        this.tx = tx;
        this.webhooks = webhooks;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        String owner = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.reminders = new ClaimTable<>("delivery", new ClaimTable.Where("channel", Channel.WEBHOOK), DeliveryStatus.CLAIMS, owner, config);
        this.messages = new ClaimTable<>("message_webhook", null, DeliveryStatus.CLAIMS, owner, config);
        Timeout timeout = Timeout.of(config.getWebhookTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(targets.resolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    /** One claimed post: which table it is settled in and under what audit entity. */
    private record Job(ClaimTable<DeliveryStatus> table, String entity, UUID webhookId, int attempts, WebhookEvent event) {
        UUID id() {
            return event.deliveryId();
        }
    }

    /** What one post came to: an error (null when the receiver answered 2xx), and whether retrying cannot help. */
    private record Attempt(@Nullable String error, boolean permanent) {
        static final Attempt DELIVERED = new Attempt(null, false);

        static Attempt retry(String error) {
            return new Attempt(error, false);
        }

        static Attempt giveUp(String error) {
            return new Attempt(error, true);
        }
    }

    public record Outcome(int sent, int failed, int dead) {
        Outcome plus(Outcome o) {
            return new Outcome(sent + o.sent, failed + o.failed, dead + o.dead);
        }
    }

    /** Posts one batch of each kind that is due. */
    public Outcome run() {
        return post(claimReminders()).plus(post(claimMessages()));
    }

    private Outcome post(List<Job> jobs) {
        int sent = 0;
        int failed = 0;
        int dead = 0;
        for (Job job : jobs) {
            switch (record(job, post(job))) {
                case SENT -> sent++;
                case DEAD -> dead++;
                default -> failed++;
            }
        }
        return new Outcome(sent, failed, dead);
    }

    /** Keeps this replica's claims alive while it is (see EmailDispatcher#beat). */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> reminders.beat(status.getConnection(), now) + messages.beat(status.getConnection(), now));
    }

    private List<Job> claimReminders() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = reminders.claim(c, now, config.getBatchSize(), null);
            if (ids.isEmpty()) {
                return List.<Job>of();
            }
            return Jdbc.list(c, "SELECT d.id, d.recipient, d.attempts, d.requirement_id, d.jurisdiction_id, "
                    + "d.offset_days, d.deadline_at, r.escalate, t.condition_title, t.award_number, t.program_name, "
                    + "t.jurisdiction_name, t.time_zone, t.deadline_local_date, t.deadline_local_time FROM delivery d "
                    + "JOIN reminder r ON r.id = d.reminder_id JOIN tracked_requirement t ON t.id = d.requirement_id WHERE d.id IN ("
                    + Sql.marks(ids.size()) + ")", p -> p.addAll(ids), rs -> new Job(reminders, "delivery",
                    UUID.fromString(rs.getString("recipient")), rs.getInt("attempts"), new WebhookEvent.Reminder(Sql.uuid(rs, "id"),
                    rs.getBoolean("escalate") ? "certification.overdue" : "certification.reminder", Sql.uuid(rs, "requirement_id"),
                    Sql.uuid(rs, "jurisdiction_id"), rs.getString("jurisdiction_name"), rs.getString("condition_title"),
                    rs.getString("program_name"), rs.getString("award_number"), rs.getInt("offset_days"),
                    ReminderSchedule.describe(rs.getInt("offset_days")), Sql.instant(rs, "deadline_at").toString(),
                    rs.getObject("deadline_local_date", LocalDate.class) + "T" + rs.getObject("deadline_local_time", LocalTime.class),
                    rs.getString("time_zone"))));
        });
    }

    private List<Job> claimMessages() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = messages.claim(c, now, config.getBatchSize(), null);
            if (ids.isEmpty()) {
                return List.<Job>of();
            }
            return Jdbc.list(c, "SELECT w.id, w.webhook_id, w.attempts, w.jurisdiction_id, m.message_id, m.subject_kind, m.subject_id, "
                    + "m.author_role, m.from_doj, m.posted_at, m.path FROM message_webhook w JOIN message_notice m "
                    + "ON m.message_id = w.message_id WHERE w.id IN (" + Sql.marks(ids.size()) + ")", p -> p.addAll(ids), rs -> {
                SubjectKind kind = SubjectKind.valueOf(rs.getString("subject_kind"));
                UUID subject = Sql.uuid(rs, "subject_id");
                return new Job(messages, "message_webhook", Sql.uuid(rs, "webhook_id"), rs.getInt("attempts"),
                        new WebhookEvent.MessagePosted(Sql.uuid(rs, "id"), WebhookEvent.MessagePosted.TYPE, Sql.uuid(rs, "message_id"),
                                kind.name(), subject, kind == SubjectKind.REQUIREMENT ? subject : null, Sql.uuid(rs, "jurisdiction_id"),
                                rs.getString("author_role"), rs.getBoolean("from_doj"), Sql.instant(rs, "posted_at").toString(),
                                MessageNotices.link(config.getAppUrl(), rs.getString("path"))));
            });
        });
    }

    private Attempt post(Job job) {
        Webhook hook = webhooks.findById(job.webhookId()).orElse(null);
        if (hook == null || !hook.active()) {
            return Attempt.giveUp(REMOVED);
        }
        Owners.Owner owner;
        try {
            owner = owners.current(hook.createdBy()).filter(Owners.Owner::enabled).orElse(null);
        } catch (Owners.OwnerUnavailable e) {
            return Attempt.retry("owner not checked");   // retried later, like a receiver that did not answer
        }
        if (owner == null) {
            return Attempt.giveUp(OWNER_GONE);
        }
        if (!owner.seesAll() && !Objects.equals(owner.jurisdictionId(), hook.jurisdictionId())) {
            follow(hook, owner);
            return Attempt.giveUp(OWNER_MOVED);
        }
        if (!owner.mayRead(job.event().jurisdictionId())) {
            return Attempt.giveUp(OWNER_MOVED);
        }
        try {
            String body = json.writeValueAsString(job.event());
            long t = clock.instant().getEpochSecond();
            HttpPost post = new HttpPost(URI.create(hook.url()));
            post.setHeader(WebhookSignature.HEADER, WebhookSignature.header(hook.secret(), t, body));
            post.setHeader("X-GrantLine-Delivery", job.id().toString());
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            int code = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return code / 100 == 2 ? Attempt.DELIVERED : Attempt.retry("HTTP " + code);
        } catch (WebhookTargets.RefusedAddress e) {
            LOG.info("Webhook {} not posted: {}", hook.id(), e.getMessage());
            return Attempt.giveUp("target refused");
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("Webhook {} delivery {} got no answer: {}", hook.id(), job.id(), e.toString());
            return Attempt.retry("no answer");
        }
    }

    /** The owner's webhook now serves the jurisdiction they are bound to. */
    private void follow(Webhook hook, Owners.Owner owner) {
        if (owner.jurisdictionId() == null) {
            return;
        }
        tx.executeWrite(status -> {
            webhooks.update(new Webhook(hook.id(), hook.url(), owner.jurisdictionId(), hook.secret(), hook.active(),
                    hook.createdBy(), hook.createdAt()));
            audit.recordAs("system", "webhook.followed-owner", "webhook", hook.id(), Map.of("jurisdictionId", String.valueOf(hook.jurisdictionId())),
                    Map.of("jurisdictionId", owner.jurisdictionId().toString()));
            return null;
        });
    }

    /** Every post counts as an attempt, a delivered one too. */
    private DeliveryStatus record(Job job, Attempt attempt) {
        Instant now = clock.instant();
        int attempts = job.attempts() + 1;
        ClaimTable<DeliveryStatus> table = job.table();
        ClaimTable.Outcome<DeliveryStatus> next = attempt.error() == null ? table.sent(attempts, now)
                : table.failed(attempts, attempt.error(), attempt.permanent(), now);
        tx.executeWrite(status -> {
            settle(status.getConnection(), job, next, now);
            return null;
        });
        return next.status();
    }

    private void settle(Connection c, Job job, ClaimTable.Outcome<DeliveryStatus> next, Instant now) throws SQLException {
        if (job.table().settle(c, job.id(), next, now)) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", next.status().name());
            after.put("attempts", next.attempts());
            if (next.error() != null) {
                after.put("error", Sql.clip(next.error(), 300));
            }
            audit.recordAs("system", "webhook." + next.status().name().toLowerCase(), job.entity(), job.id(), null, after);
        }
    }
}
