package org.grantline.notifications.delivery;

import io.micronaut.context.annotation.Value;
import io.micronaut.email.Attachment;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.grantline.notifications.email.DigestEmail;
import org.grantline.notifications.email.SmtpConnection;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.UnsubscribeFooter;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Sends the day's digests. A digest is claimed ({@link ClaimTable}: SKIP LOCKED, then SENDING with a
 * lease, in its own short transaction), sent over SMTP, then marked SENT only by the replica that
 * still holds the claim, with its deliveries. A failure retries with capped exponential backoff and
 * jitter, and after {@code max-attempts} the digest and its deliveries are DEAD (visible to admins,
 * retryable). A replica that dies between claim and send leaves a lease that runs out; another one
 * sends it then. The sending threads are the {@code email} executor ({@code micronaut.executors.email},
 * {@code email-threads} of them).
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
    private final ExecutorService pool;
    private final UnsubscribeFooter unsubscribe;
    private final DigestEmail content;
    private final ClaimTable<DeliveryStatus> digests;

    public EmailDispatcher(TransactionOperations<Connection> tx, SessionProvider sessions, MessageComposer composer,
                           NotificationsConfig config, AuditTrail audit, Clock clock,
                           @Value("${micronaut.application.instance.id:local}") String instance, UnsubscribeFooter unsubscribe,
                           DigestEmail content, @Named("email") ExecutorService pool) {
        this.tx = tx;
        this.unsubscribe = unsubscribe;
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.content = content;
        this.pool = pool;
        this.digests = new ClaimTable<>("email_digest", null, DeliveryStatus.CLAIMS,
                instance + "-" + UUID.randomUUID().toString().substring(0, 8), config);
    }

    public record Outcome(int sent, int failed, int dead) {
        static final Outcome NONE = new Outcome(0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(sent + o.sent, failed + o.failed, dead + o.dead);
        }
    }

    /** Sends every digest that is due, batch by batch. */
    public Outcome run() {
        Outcome total = Outcome.NONE;
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

    /** Claims up to {@code limit} due digests for this replica (status SENDING, lease until now + lease), and their deliveries. */
    public List<UUID> claim(int limit) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = digests.claim(c, now, limit, null);
            if (!ids.isEmpty()) {
                Jdbc.update(c, "UPDATE delivery SET status = ?, updated_at = ? WHERE digest_id IN (" + Sql.marks(ids.size())
                        + ") AND status IN (?, ?, ?)", p -> p.add(DeliveryStatus.SENDING).add(now).addAll(ids)
                        .add(DeliveryStatus.PENDING).add(DeliveryStatus.FAILED).add(DeliveryStatus.SENDING));
            }
            return ids;
        });
    }

    /** Keeps this replica's claims alive while it is: another replica takes them over once beats stop for a lease. */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> digests.beat(status.getConnection(), now));
    }

    private record Digest(UUID id, String recipient, String messageId, int attempts, List<DigestEmail.Item> items, Set<NoticeKind> kinds) {
    }

    private record Result(Digest digest, String error) {
    }

    /**
     * Sends claimed digests and records each outcome as soon as the SMTP server has answered for that
     * message (only while this replica still holds the claim): a crash repeats at most the messages
     * in flight at that moment, one per sending thread, and loses none. Each sending thread keeps
     * one SMTP connection for its share of the batch.
     */
    public Outcome send(List<UUID> claimed) {
        Map<UUID, Digest> loaded = load(claimed);
        Instant start = clock.instant();
        List<Result> empty = new ArrayList<>();
        List<Digest> toSend = new ArrayList<>();
        for (Digest d : loaded.values()) {
            if (d.items().isEmpty()) {
                empty.add(new Result(d, null));
            } else {
                toSend.add(d);
            }
        }
        Outcome total = empty.isEmpty() ? Outcome.NONE : record(empty);
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
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return total;
    }

    /** One connection for many messages, each outcome recorded at once. */
    private Outcome sendOverOneConnection(List<Digest> share, Instant now) {
        Outcome outcome = Outcome.NONE;
        try (SmtpConnection smtp = new SmtpConnection(sessions.session())) {
            for (Digest d : share) {
                String error = smtp.send(session -> message(d, session, now));
                outcome = outcome.plus(record(List.of(new Result(d, error))));
            }
        }
        return outcome;
    }

    private Message message(Digest d, Session session, Instant now) throws MessagingException {
        UnsubscribeFooter.Footer footer = unsubscribe.footer(d.recipient(), d.kinds());
        DigestEmail.Content email = content.compose(d.items(), config.getAppUrl(), now, footer);
        Message message = composer.compose(Email.builder()
                .from(new Contact(config.getFromEmail(), config.getFromName()))
                .to(d.recipient())
                .subject(email.subject())
                .body(new MultipartBody(email.html(), email.text()))
                .attachment(Attachment.builder().filename("deadlines.ics").contentType("text/calendar; charset=UTF-8; method=PUBLISH")
                        .content(email.ics().getBytes(StandardCharsets.UTF_8)).build()).build(), session);
        message.setHeader("Message-ID", d.messageId());
        message.setHeader("X-GrantLine-Digest", d.id().toString());
        message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies, no vacation notices back
        for (Map.Entry<String, String> h : footer.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());          // RFC 8058 one-click unsubscribe, only when every notice in it may be declined
        }
        message.saveChanges();
        return message;
    }

    private ClaimTable.Outcome<DeliveryStatus> outcome(Result r, Instant now) {
        Digest d = r.digest();
        if (r.error() != null) {
            return digests.failed(d.attempts() + 1, r.error(), false, now);
        }
        return d.items().isEmpty() ? new ClaimTable.Outcome<>(DeliveryStatus.CANCELLED, d.attempts(), now, null, null)
                : digests.sent(d.attempts(), now);
    }

    private Outcome record(List<Result> results) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Outcome counted = Outcome.NONE;
            List<AuditTrail.Change> changes = new ArrayList<>();
            for (Result r : results) {
                Digest d = r.digest();
                ClaimTable.Outcome<DeliveryStatus> next = outcome(r, now);
                counted = counted.plus(switch (next.status()) {
                    case SENT -> new Outcome(1, 0, 0);
                    case FAILED -> new Outcome(0, 1, 0);
                    case DEAD -> new Outcome(0, 0, 1);
                    default -> Outcome.NONE;
                });
                if (!digests.settle(c, d.id(), next, now)) {
                    LOG.warn("Digest {} was taken over by another replica after its lease ran out", d.id());
                    continue;
                }
                settleDeliveries(c, d.id(), next, now);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", next.status().name());
                after.put("attempts", next.attempts());
                after.put("reminders", d.items().size());
                if (r.error() != null) {
                    after.put("error", Sql.clip(r.error(), 300));
                }
                changes.add(new AuditTrail.Change("email." + next.status().name().toLowerCase(), "email_digest", d.id(), null, after));
            }
            audit.recordAll(changes);
            return counted;
        });
    }

    /** The digest's deliveries take its outcome. */
    private static void settleDeliveries(Connection c, UUID digest, ClaimTable.Outcome<DeliveryStatus> o, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ?, updated_at = ? "
                + "WHERE digest_id = ? AND status = ?", p -> p.add(o.status()).add(o.attempts()).add(o.nextAttemptAt())
                .add(Sql.clip(o.error(), 1000)).add(o.sentAt()).add(now).add(digest).add(DeliveryStatus.SENDING));
    }

    private Map<UUID, Digest> load(List<UUID> ids) {
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Map<UUID, Digest> loaded = new LinkedHashMap<>();
            Jdbc.list(c, "SELECT id, recipient, message_id, attempts FROM email_digest WHERE id IN (" + Sql.marks(ids.size()) + ")",
                    p -> p.addAll(ids), rs -> new Digest(Sql.uuid(rs, "id"), rs.getString("recipient"), rs.getString("message_id"),
                            rs.getInt("attempts"), new ArrayList<>(), EnumSet.noneOf(NoticeKind.class)))
                    .forEach(d -> loaded.put(d.id(), d));
            record Line(UUID digest, NoticeKind kind, DigestEmail.Item item) {
            }
            Jdbc.list(c, "SELECT d.digest_id, d.requirement_id, d.offset_days, r.escalate, d.notice_kind, "
                    + "t.condition_title, t.program_name, t.award_number, t.jurisdiction_name, t.deadline_at, t.time_zone "
                    + "FROM delivery d JOIN reminder r ON r.id = d.reminder_id JOIN tracked_requirement t ON t.id = d.requirement_id "
                    + "WHERE d.digest_id IN (" + Sql.marks(ids.size()) + ") AND d.status = ? ORDER BY d.due_at",
                    p -> p.addAll(ids).add(DeliveryStatus.SENDING),
                    rs -> new Line(Sql.uuid(rs, "digest_id"), NoticeKind.stored(rs.getString("notice_kind"), rs.getInt("offset_days")),
                            new DigestEmail.Item(Sql.uuid(rs, "requirement_id"), rs.getInt("offset_days"), rs.getBoolean("escalate"),
                                    rs.getString("condition_title"), rs.getString("program_name"), rs.getString("award_number"),
                                    rs.getString("jurisdiction_name"), Sql.instant(rs, "deadline_at"), rs.getString("time_zone"))))
                    .forEach(line -> {
                        Digest d = loaded.get(line.digest());
                        d.kinds().add(line.kind());
                        d.items().add(line.item());
                    });
            return loaded;
        });
    }
}
