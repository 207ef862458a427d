package org.grantline.notifications.delivery;

import io.micronaut.context.annotation.Value;
import io.micronaut.email.Attachment;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.grantline.notifications.email.DigestEmail;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.UnsubscribeFooter;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the day's digests. A digest is claimed (FOR UPDATE SKIP LOCKED, then SENDING with a lease
 * in its own short transaction), sent over SMTP, then marked SENT only by the replica that still
 * holds the claim. A failure retries with capped exponential backoff and jitter, and after
 * {@code max-attempts} the digest and its deliveries are DEAD (visible to admins, retryable). A
 * replica that dies between claim and send leaves a lease that runs out; another one sends it then.
 */
@Singleton
public class EmailDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);

    private final TransactionOperations<Connection> tx;
    private final SessionProvider sessions;
    private final MessageComposer composer;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final Backoff backoff;
    private final String instance;
    private final ExecutorService pool;
    private final UnsubscribeFooter unsubscribe;

    public EmailDispatcher(TransactionOperations<Connection> tx, SessionProvider sessions, MessageComposer composer,
                           NotificationsConfig config, AuditTrail audit, Clock clock,
                           @Value("${micronaut.application.instance.id:local}") String instance, UnsubscribeFooter unsubscribe) {
        this.tx = tx;
        this.unsubscribe = unsubscribe;
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffCap(), () -> ThreadLocalRandom.current().nextDouble());
        this.instance = instance + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.getEmailThreads()));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    public record Outcome(int sent, int failed, int dead) {
        Outcome plus(Outcome o) {
            return new Outcome(sent + o.sent, failed + o.failed, dead + o.dead);
        }
    }

    /** Sends every digest that is due, batch by batch. */
    public Outcome run() {
        Outcome total = new Outcome(0, 0, 0);
        while (true) {
            List<UUID> claimed = claim(config.getBatchSize());
            if (claimed.isEmpty()) {
                return total;
            }
            total = total.plus(send(claimed));
            if (claimed.size() < config.getBatchSize()) {
                return total;
            }
        }
    }

    /** Claims up to {@code limit} due digests for this replica (status SENDING, lease until now + lease). */
    public List<UUID> claim(int limit) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM email_digest WHERE ((status IN (?, ?) "
                    + "AND next_attempt_at <= ?) OR (status = ? AND claimed_until < ?)) ORDER BY next_attempt_at, id LIMIT ? "
                    + "FOR UPDATE SKIP LOCKED")) {
                Sql.set(ps, 1, DeliveryStatus.PENDING);
                Sql.set(ps, 2, DeliveryStatus.FAILED);
                ps.setObject(3, Sql.ts(now));
                Sql.set(ps, 4, DeliveryStatus.SENDING);
                ps.setObject(5, Sql.ts(now));
                ps.setInt(6, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(Sql.uuid(rs, "id"));
                    }
                }
            }
            if (ids.isEmpty()) {
                return ids;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE email_digest SET status = ?, claimed_by = ?, claimed_until = ?, "
                    + "updated_at = ? WHERE id IN (" + Sql.marks(ids.size()) + ")")) {
                Sql.set(ps, 1, DeliveryStatus.SENDING);
                ps.setString(2, instance);
                ps.setObject(3, Sql.ts(now.plus(config.getLease())));
                ps.setObject(4, Sql.ts(now));
                Sql.bind(ps, 5, ids);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, updated_at = ? WHERE digest_id IN ("
                    + Sql.marks(ids.size()) + ") AND status IN (?, ?, ?)")) {
                Sql.set(ps, 1, DeliveryStatus.SENDING);
                ps.setObject(2, Sql.ts(now));
                int i = Sql.bind(ps, 3, ids);
                Sql.bind(ps, i, List.of(DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.SENDING));
                ps.executeUpdate();
            }
            return ids;
        });
    }

    private record Digest(UUID id, String recipient, String messageId, int attempts, List<DigestEmail.Item> items,
                          java.util.Set<NoticeKind> kinds) {
    }

    private record Result(Digest digest, String error) {
    }

    /**
     * Sends claimed digests and records each outcome as soon as the SMTP server has answered for that
     * message (only while this replica still holds the claim): a crash repeats at most the messages
     * in flight at that moment, one per sending thread, and loses none. Each sending thread keeps
     * one SMTP connection for its share of the batch: a new connection per message (connect,
     * greeting, EHLO, QUIT) cost ~45 ms against ~2 ms for the message itself.
     */
    public Outcome send(List<UUID> claimed) {
        Map<UUID, Digest> digests = load(claimed);
        Instant start = clock.instant();
        List<Result> empty = new ArrayList<>();
        List<Digest> toSend = new ArrayList<>();
        for (Digest d : digests.values()) {
            if (d.items().isEmpty()) {
                empty.add(new Result(d, null));
            } else {
                toSend.add(d);
            }
        }
        Outcome total = empty.isEmpty() ? new Outcome(0, 0, 0) : record(empty);
        int threads = Math.max(1, Math.min(config.getEmailThreads(), toSend.size()));
        List<List<Digest>> shares = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < toSend.size(); i++) {
            shares.get(i % threads).add(toSend.get(i));
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        for (List<Digest> share : shares) {
            futures.add(pool.submit(() -> sendOverOneConnection(share, start)));
        }
        for (Future<Outcome> f : futures) {
            try {
                total = total.plus(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return total;
    }

    /** One connection for many messages, each outcome recorded at once; after a failure the next message gets a fresh connection. */
    private Outcome sendOverOneConnection(List<Digest> share, Instant now) {
        Outcome outcome = new Outcome(0, 0, 0);
        Session session = sessions.session();
        Transport transport = null;
        try {
            for (Digest d : share) {
                Result result;
                try {
                    Message message = message(d, session, now);
                    if (transport == null) {
                        transport = session.getTransport("smtp");
                        transport.connect();
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                    result = new Result(d, null);
                } catch (MessagingException | RuntimeException e) {
                    result = new Result(d, e.getCause() != null ? e.getCause().toString() : e.toString());
                    close(transport);
                    transport = null;
                }
                outcome = outcome.plus(record(List.of(result)));
            }
        } finally {
            close(transport);
        }
        return outcome;
    }

    /** Keeps this replica's claims alive while it is: another replica takes them over once beats stop for a lease. */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE email_digest SET claimed_until = ? "
                    + "WHERE status = ? AND claimed_by = ?")) {
                ps.setObject(1, Sql.ts(now.plus(config.getLease())));
                Sql.set(ps, 2, DeliveryStatus.SENDING);
                ps.setString(3, instance);
                return ps.executeUpdate();
            }
        });
    }

    private Message message(Digest d, Session session, Instant now) throws MessagingException {
        DigestEmail.Content content = DigestEmail.compose(d.items(), config.getAppUrl(), now);
        UnsubscribeFooter.Footer footer = unsubscribe.footer(d.recipient(), d.kinds());
        Message message = composer.compose(Email.builder()
                .from(new io.micronaut.email.Contact(config.getFromEmail(), config.getFromName()))
                .to(d.recipient())
                .subject(content.subject())
                .body(new MultipartBody(footer.html(content.html()), footer.text(content.text())))
                .attachment(Attachment.builder().filename("deadlines.ics").contentType("text/calendar; charset=UTF-8; method=PUBLISH")
                        .content(content.ics().getBytes(StandardCharsets.UTF_8)).build()).build(), session);
        message.setHeader("Message-ID", d.messageId());
        message.setHeader("X-GrantLine-Digest", d.id().toString());
        message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies, no vacation notices back
        footer.headers().forEach((name, value) -> {
            try {
                message.setHeader(name, value);   // RFC 8058 one-click unsubscribe, only when every notice in it may be declined
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        message.saveChanges();
        return message;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing an SMTP connection: {}", e.getMessage());
            }
        }
    }

    private Outcome record(List<Result> results) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            int sent = 0;
            int failed = 0;
            int dead = 0;
            List<AuditTrail.Change> changes = new ArrayList<>();
            for (Result r : results) {
                Digest d = r.digest();
                DeliveryStatus next;
                Instant retryAt = now;
                int attempts = d.attempts();
                if (r.error() == null) {
                    next = d.items().isEmpty() ? DeliveryStatus.CANCELLED : DeliveryStatus.SENT;
                    if (!d.items().isEmpty()) {
                        sent++;
                    }
                } else {
                    attempts++;
                    if (attempts >= config.getMaxAttempts()) {
                        next = DeliveryStatus.DEAD;
                        dead++;
                    } else {
                        next = DeliveryStatus.FAILED;
                        failed++;
                        retryAt = now.plus(backoff.after(attempts));
                    }
                }
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE email_digest SET status = ?, attempts = ?, next_attempt_at = ?, "
                        + "last_error = ?, sent_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                        + "WHERE id = ? AND status = ? AND claimed_by = ?")) {
                    Sql.set(ps, 1, next);
                    ps.setInt(2, attempts);
                    ps.setObject(3, Sql.ts(retryAt));
                    ps.setString(4, Sql.clip(r.error(), 1000));
                    ps.setObject(5, next == DeliveryStatus.SENT ? Sql.ts(now) : null);
                    ps.setObject(6, Sql.ts(now));
                    ps.setObject(7, d.id());
                    Sql.set(ps, 8, DeliveryStatus.SENDING);
                    ps.setString(9, instance);
                    updated = ps.executeUpdate();
                }
                if (updated == 0) {
                    LOG.warn("Digest {} was taken over by another replica after its lease ran out", d.id());
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE delivery SET status = ?, attempts = ?, next_attempt_at = ?, "
                        + "last_error = ?, sent_at = ?, updated_at = ? WHERE digest_id = ? AND status = ?")) {
                    Sql.set(ps, 1, next);
                    ps.setInt(2, attempts);
                    ps.setObject(3, Sql.ts(retryAt));
                    ps.setString(4, Sql.clip(r.error(), 1000));
                    ps.setObject(5, next == DeliveryStatus.SENT ? Sql.ts(now) : null);
                    ps.setObject(6, Sql.ts(now));
                    ps.setObject(7, d.id());
                    Sql.set(ps, 8, DeliveryStatus.SENDING);
                    ps.executeUpdate();
                }
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", next.name());
                after.put("attempts", attempts);
                after.put("reminders", d.items().size());
                if (r.error() != null) {
                    after.put("error", Sql.clip(r.error(), 300));
                }
                changes.add(new AuditTrail.Change("email." + next.name().toLowerCase(), "email_digest", d.id(), null, after));
            }
            audit.recordAll(changes);
            return new Outcome(sent, failed, dead);
        });
    }

    private Map<UUID, Digest> load(List<UUID> ids) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Map<UUID, Digest> digests = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, recipient, message_id, attempts FROM email_digest WHERE id IN ("
                    + Sql.marks(ids.size()) + ")")) {
                Sql.bind(ps, 1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID id = Sql.uuid(rs, "id");
                        digests.put(id, new Digest(id, rs.getString("recipient"), rs.getString("message_id"), rs.getInt("attempts"),
                                new ArrayList<>(), java.util.EnumSet.noneOf(NoticeKind.class)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT d.digest_id, d.requirement_id, d.offset_days, r.escalate, d.notice_kind, "
                    + "t.condition_title, t.program_name, t.award_number, t.jurisdiction_name, t.deadline_at, t.time_zone "
                    + "FROM delivery d JOIN reminder r ON r.id = d.reminder_id JOIN tracked_requirement t ON t.id = d.requirement_id "
                    + "WHERE d.digest_id IN (" + Sql.marks(ids.size()) + ") AND d.status = ? ORDER BY d.due_at")) {
                int i = Sql.bind(ps, 1, ids);
                Sql.set(ps, i, DeliveryStatus.SENDING);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        digests.get(Sql.uuid(rs, "digest_id")).kinds().add(NoticeKind.stored(rs.getString("notice_kind"), rs.getInt("offset_days")));
                        digests.get(Sql.uuid(rs, "digest_id")).items().add(new DigestEmail.Item(Sql.uuid(rs, "requirement_id"),
                                rs.getInt("offset_days"), rs.getBoolean("escalate"), rs.getString("condition_title"),
                                rs.getString("program_name"), rs.getString("award_number"), rs.getString("jurisdiction_name"),
                                Sql.instant(rs, "deadline_at"), rs.getString("time_zone")));
                    }
                }
            }
            return digests;
        });
    }

}
