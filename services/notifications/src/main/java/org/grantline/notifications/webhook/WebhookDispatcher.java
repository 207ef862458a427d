package org.grantline.notifications.webhook;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.Backoff;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;

import jakarta.annotation.PreDestroy;
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
import org.grantline.notifications.owner.Owners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts webhook deliveries: claimed like emails (SKIP LOCKED, then SENDING with a lease), signed
 * with HMAC-SHA256, a 2xx answer is SENT, anything else retries with backoff until DEAD.
 * The client resolves names through {@link WebhookTargets} (an internal address is refused at
 * connect time, whatever DNS said at registration) and follows no redirect. What the owner sees of
 * a failure is its HTTP status or "no answer", never the exception, which would map the network;
 * the detail is logged here. A webhook whose owner is disabled is not posted; one whose owner moved
 * to another jurisdiction follows them and is not posted the old jurisdiction's events.
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
    private final Backoff backoff;
    private final String instance;
    private final CloseableHttpClient http;
    private final Owners owners;

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
        this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffCap(), () -> ThreadLocalRandom.current().nextDouble());
        this.instance = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
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

    private record Job(UUID id, UUID webhookId, int attempts, Map<String, Object> event) {
    }

    public record Outcome(int sent, int failed, int dead) {
    }

    public Outcome run() {
        Instant now = clock.instant();
        List<Job> jobs = claim(now);
        int sent = 0;
        int failed = 0;
        int dead = 0;
        for (Job job : jobs) {
            String error = post(job);
            switch (record(job, error)) {
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
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE delivery SET claimed_until = ? "
                    + "WHERE channel = ? AND status = ? AND claimed_by = ?")) {
                ps.setObject(1, Sql.ts(now.plus(config.getLease())));
                Sql.set(ps, 2, Channel.WEBHOOK);
                Sql.set(ps, 3, DeliveryStatus.SENDING);
                ps.setString(4, instance);
                return ps.executeUpdate();
            }
        });
    }

    private List<Job> claim(Instant now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM delivery WHERE channel = ? AND ((status IN (?, ?) "
                    + "AND next_attempt_at <= ?) OR (status = ? AND claimed_until < ?)) ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                Sql.set(ps, 1, Channel.WEBHOOK);
                Sql.set(ps, 2, DeliveryStatus.PENDING);
                Sql.set(ps, 3, DeliveryStatus.FAILED);
                ps.setObject(4, Sql.ts(now));
                Sql.set(ps, 5, DeliveryStatus.SENDING);
                ps.setObject(6, Sql.ts(now));
                ps.setInt(7, config.getBatchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(Sql.uuid(rs, "id"));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.<Job>of();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, claimed_by = ?, claimed_until = ? WHERE id IN ("
                    + Sql.marks(ids.size()) + ")")) {
                Sql.set(ps, 1, DeliveryStatus.SENDING);
                ps.setString(2, instance);
                ps.setObject(3, Sql.ts(now.plus(config.getLease())));
                Sql.bind(ps, 4, ids);
                ps.executeUpdate();
            }
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.recipient, d.attempts, d.requirement_id, d.jurisdiction_id, "
                    + "d.offset_days, d.deadline_at, r.kind, r.escalate, t.condition_title, t.award_number, t.program_name, "
                    + "t.jurisdiction_name, t.time_zone, t.deadline_local_date, t.deadline_local_time FROM delivery d "
                    + "JOIN reminder r ON r.id = d.reminder_id JOIN tracked_requirement t ON t.id = d.requirement_id WHERE d.id IN ("
                    + Sql.marks(ids.size()) + ")")) {
                Sql.bind(ps, 1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> event = new LinkedHashMap<>();
                        event.put("deliveryId", Sql.uuid(rs, "id").toString());
                        event.put("type", rs.getBoolean("escalate") ? "certification.overdue" : "certification.reminder");
                        event.put("requirementId", Sql.uuid(rs, "requirement_id").toString());
                        event.put("jurisdictionId", Sql.uuid(rs, "jurisdiction_id").toString());
                        event.put("jurisdictionName", rs.getString("jurisdiction_name"));
                        event.put("condition", rs.getString("condition_title"));
                        event.put("program", rs.getString("program_name"));
                        event.put("awardNumber", rs.getString("award_number"));
                        event.put("offsetDays", rs.getInt("offset_days"));
                        event.put("when", ReminderSchedule.describe(rs.getInt("offset_days")));
                        event.put("deadline", Sql.instant(rs, "deadline_at").toString());
                        event.put("deadlineLocal", rs.getObject("deadline_local_date", java.time.LocalDate.class) + "T"
                                + rs.getObject("deadline_local_time", java.time.LocalTime.class));
                        event.put("timeZone", rs.getString("time_zone"));
                        jobs.add(new Job(Sql.uuid(rs, "id"), UUID.fromString(rs.getString("recipient")), rs.getInt("attempts"), event));
                    }
                }
            }
            return jobs;
        });
    }

    private String post(Job job) {
        Webhook hook = webhooks.findById(job.webhookId()).orElse(null);
        if (hook == null || !hook.active()) {
            return REMOVED;
        }
        Owners.Owner owner;
        try {
            owner = owners.current(hook.createdBy()).filter(Owners.Owner::enabled).orElse(null);
        } catch (Owners.OwnerUnavailable e) {
            return "owner not checked";   // retried later, like a receiver that did not answer
        }
        if (owner == null) {
            return OWNER_GONE;
        }
        if (!owner.seesAll() && !java.util.Objects.equals(owner.jurisdictionId(), hook.jurisdictionId())) {
            follow(hook, owner);
            return OWNER_MOVED;
        }
        UUID eventJurisdiction = UUID.fromString((String) job.event().get("jurisdictionId"));
        if (!owner.mayRead(eventJurisdiction)) {
            return OWNER_MOVED;
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
            return code / 100 == 2 ? null : "HTTP " + code;
        } catch (WebhookTargets.RefusedAddress e) {
            LOG.info("Webhook {} not posted: {}", hook.id(), e.getMessage());
            return "target refused";
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("Webhook {} delivery {} got no answer: {}", hook.id(), job.id(), e.toString());
            return "no answer";
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

    private DeliveryStatus record(Job job, String error) {
        Instant now = clock.instant();
        int attempts = job.attempts() + 1;
        DeliveryStatus next = error == null ? DeliveryStatus.SENT : attempts >= config.getMaxAttempts() || REMOVED.equals(error)
                || OWNER_GONE.equals(error) || OWNER_MOVED.equals(error) || "target refused".equals(error) ? DeliveryStatus.DEAD : DeliveryStatus.FAILED;
        Instant retryAt = next == DeliveryStatus.FAILED ? now.plus(backoff.after(attempts)) : now;
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE delivery SET status = ?, attempts = ?, "
                    + "next_attempt_at = ?, last_error = ?, sent_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                    + "WHERE id = ? AND status = ? AND claimed_by = ?")) {
                Sql.set(ps, 1, next);
                ps.setInt(2, attempts);
                ps.setObject(3, Sql.ts(retryAt));
                ps.setString(4, Sql.clip(error, 1000));
                ps.setObject(5, next == DeliveryStatus.SENT ? Sql.ts(now) : null);
                ps.setObject(6, Sql.ts(now));
                ps.setObject(7, job.id());
                Sql.set(ps, 8, DeliveryStatus.SENDING);
                ps.setString(9, instance);
                if (ps.executeUpdate() == 1) {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("status", next.name());
                    after.put("attempts", attempts);
                    if (error != null) {
                        after.put("error", Sql.clip(error, 300));
                    }
                    audit.recordAs("system", "webhook." + next.name().toLowerCase(), "delivery", job.id(), null, after);
                }
            }
            return null;
        });
        return next;
    }
}
