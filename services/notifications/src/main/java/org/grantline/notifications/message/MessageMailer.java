package org.grantline.notifications.message;

import io.micronaut.context.annotation.Value;
import io.micronaut.email.Contact;
import io.micronaut.email.Email;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.javamail.composer.MessageComposer;
import io.micronaut.email.javamail.sender.SessionProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.grantline.notifications.delivery.Backoff;
import org.grantline.notifications.directory.JurisdictionDirectory;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.preference.UnsubscribeFooter;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the emails of conversation messages, at least once, with each outcome recorded as soon as
 * the SMTP server has answered for that message (the bound of the reminder digests: a replica that
 * dies after the server accepted one and before its outcome was written repeats that one message
 * once its claim has run out; none is lost). Due rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a short lease ({@code lease}, kept alive by {@link #beat()} from the claim heartbeat), sent
 * over one SMTP connection, marked {@code SENT} right after the server accepted each one, and retried
 * with the reminders' capped exponential backoff on failure ({@code FAILED} after
 * {@code max-attempts}). Runs from the reminder delivery loop ({@code ReminderRunner.deliver()}) and,
 * best effort, right after an intake commits. It also reads, later, the contacts of messages whose
 * jurisdiction could not be read at intake.
 */
@Singleton
public class MessageMailer {
    private static final Logger LOG = LoggerFactory.getLogger(MessageMailer.class);
    static final String WHY = "You receive this as the other side of this conversation in GrantLine. "
            + "To stop these emails or choose what you receive:";

    private final TransactionOperations<Connection> tx;
    private final SessionProvider sessions;
    private final MessageComposer composer;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final Backoff backoff;
    private final UnsubscribeFooter unsubscribe;
    private final JurisdictionDirectory directory;
    private final NotificationPreferences preferences;
    private final String instance;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "message-mailer");
        t.setDaemon(true);
        return t;
    });

    public MessageMailer(TransactionOperations<Connection> tx, SessionProvider sessions, MessageComposer composer, NotificationsConfig config,
                         AuditTrail audit, Clock clock, UnsubscribeFooter unsubscribe, JurisdictionDirectory directory,
                         NotificationPreferences preferences, @Value("${micronaut.application.instance.id:local}") String instance) {
        this.tx = tx;
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.unsubscribe = unsubscribe;
        this.directory = directory;
        this.preferences = preferences;
        this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffCap(), () -> ThreadLocalRandom.current().nextDouble());
        this.instance = "msg-" + instance + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @PreDestroy
    void close() {
        soon.shutdownNow();
    }

    public record Outcome(int sent, int retrying, int failed) {
        Outcome plus(Outcome o) {
            return new Outcome(sent + o.sent, retrying + o.retrying, failed + o.failed);
        }
    }

    /** Right after an intake committed: send that message's emails in the background; a failure is only logged (the loop retries). */
    public void dispatchSoon(UUID messageId) {
        try {
            soon.submit(() -> {
                try {
                    send(claim(config.getBatchSize(), messageId));
                } catch (RuntimeException e) {
                    LOG.warn("Emails of message {} not sent right away (the delivery loop sends them): {}", messageId, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Shutting down: message {} is left to the delivery loop", messageId);
        }
    }

    /** Reads the recipients still unknown, then sends every due email, batch by batch. */
    public Outcome run() {
        try {
            resolve();
        } catch (RuntimeException e) {
            LOG.warn("Recipients of conversation messages could not be read now: {}", e.toString());
        }
        Outcome total = new Outcome(0, 0, 0);
        while (true) {
            List<UUID> claimed = claim(config.getBatchSize(), null);
            if (claimed.isEmpty()) {
                return total;
            }
            total = total.plus(send(claimed));
            if (claimed.size() < config.getBatchSize()) {
                return total;
            }
        }
    }

    /**
     * Notices stored while the jurisdiction service was down: their contacts are read now and their
     * email rows made; still unreadable, they are tried again after a backoff.
     */
    int resolve() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Map<UUID, UUID> jurisdictionOf = new LinkedHashMap<>();
            Map<UUID, Integer> attempts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, jurisdiction_id, resolve_attempts FROM message_notice "
                    + "WHERE recipients_resolved = FALSE AND (resolve_after IS NULL OR resolve_after <= ?) ORDER BY received_at, message_id "
                    + "LIMIT 100 FOR UPDATE SKIP LOCKED")) {
                ps.setObject(1, Sql.ts(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jurisdictionOf.put(Sql.uuid(rs, "message_id"), Sql.uuid(rs, "jurisdiction_id"));
                        attempts.put(Sql.uuid(rs, "message_id"), rs.getInt("resolve_attempts"));
                    }
                }
            }
            if (jurisdictionOf.isEmpty()) {
                return 0;
            }
            Map<UUID, List<JurisdictionDirectory.Contact>> contacts;
            try {
                contacts = directory.contacts(new LinkedHashSet<>(jurisdictionOf.values()));
            } catch (RuntimeException e) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE message_notice SET resolve_attempts = ?, resolve_after = ?, last_error = ? "
                        + "WHERE message_id = ?")) {
                    for (UUID id : jurisdictionOf.keySet()) {
                        int n = attempts.get(id) + 1;
                        ps.setInt(1, n);
                        ps.setObject(2, Sql.ts(now.plus(backoff.after(n))));
                        ps.setString(3, Sql.clip(e.toString(), 1000));
                        ps.setObject(4, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                LOG.warn("Contacts for {} conversation messages still unreadable: {}", jurisdictionOf.size(), e.toString());
                return 0;
            }
            Set<String> roles = new LinkedHashSet<>(config.getReminderRoles());
            List<AuditTrail.Change> changes = new ArrayList<>();
            for (var e : jurisdictionOf.entrySet()) {
                Set<String> emails = new LinkedHashSet<>();
                contacts.getOrDefault(e.getValue(), List.of()).stream()
                        .filter(ct -> roles.contains(ct.role()) && ct.email() != null && !ct.email().isBlank())
                        .forEach(ct -> emails.add(NotificationPreferences.address(ct.email())));
                Map<String, NotificationPreference> chosen = preferences.forEmails(emails);
                List<String> to = emails.stream().filter(a -> chosen.get(a) == null || chosen.get(a).receives(NoticeKind.MESSAGE)).toList();
                MessageNotices.insertEmails(c, e.getKey(), to, now);
                try (PreparedStatement ps = c.prepareStatement("UPDATE message_notice SET recipients_resolved = TRUE, resolve_after = NULL, "
                        + "last_error = NULL WHERE message_id = ?")) {
                    ps.setObject(1, e.getKey());
                    ps.executeUpdate();
                }
                changes.add(new AuditTrail.Change("message-notice.recipients-resolved", "message_notice", e.getKey(), null,
                        Map.of("emails", to.size())));
            }
            audit.recordAll(changes);
            return jurisdictionOf.size();
        });
    }

    /** Claims up to {@code limit} due emails (of one message, or of any): a lease for this replica, the row staying PENDING. */
    List<UUID> claim(int limit, UUID messageId) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM message_email WHERE status = ? AND next_attempt_at <= ? "
                    + "AND (claimed_until IS NULL OR claimed_until < ?)" + (messageId == null ? "" : " AND message_id = ?")
                    + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                Sql.set(ps, 1, MessageEmailStatus.PENDING);
                ps.setObject(2, Sql.ts(now));
                ps.setObject(3, Sql.ts(now));
                int i = 4;
                if (messageId != null) {
                    ps.setObject(i++, messageId);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(Sql.uuid(rs, "id"));
                    }
                }
            }
            if (ids.isEmpty()) {
                return ids;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE message_email SET claimed_by = ?, claimed_until = ?, updated_at = ? "
                    + "WHERE id IN (" + Sql.marks(ids.size()) + ")")) {
                ps.setString(1, instance);
                ps.setObject(2, Sql.ts(now.plus(config.getLease())));
                ps.setObject(3, Sql.ts(now));
                Sql.bind(ps, 4, ids);
                ps.executeUpdate();
            }
            return ids;
        });
    }

    /** Keeps this replica's claims alive while it sends. */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE message_email SET claimed_until = ? "
                    + "WHERE status = ? AND claimed_by = ? AND claimed_until IS NOT NULL")) {
                ps.setObject(1, Sql.ts(now.plus(config.getLease())));
                Sql.set(ps, 2, MessageEmailStatus.PENDING);
                ps.setString(3, instance);
                return ps.executeUpdate();
            }
        });
    }

    record Mail(UUID id, UUID messageId, String email, int attempts, String subjectKind, UUID subjectId, String subjectTitle,
                String authorName, String authorRole, String excerpt, String path, int documentCount) {
    }

    private List<Mail> load(List<UUID> ids) {
        return tx.executeRead(status -> {
            List<Mail> mails = new ArrayList<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT e.id, e.message_id, e.email, e.attempts, "
                    + "m.subject_kind, m.subject_id, m.subject_title, m.author_name, m.author_role, m.excerpt, m.path, m.document_count "
                    + "FROM message_email e JOIN message_notice m ON m.message_id = e.message_id WHERE e.id IN (" + Sql.marks(ids.size())
                    + ") AND e.status = ? AND e.claimed_by = ? ORDER BY e.next_attempt_at, e.id")) {
                int i = Sql.bind(ps, 1, ids);
                Sql.set(ps, i, MessageEmailStatus.PENDING);
                ps.setString(i + 1, instance);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        mails.add(new Mail(Sql.uuid(rs, "id"), Sql.uuid(rs, "message_id"), rs.getString("email"), rs.getInt("attempts"),
                                rs.getString("subject_kind"), Sql.uuid(rs, "subject_id"), rs.getString("subject_title"),
                                rs.getString("author_name"), rs.getString("author_role"), rs.getString("excerpt"), rs.getString("path"),
                                rs.getInt("document_count")));
                    }
                }
            }
            return mails;
        });
    }

    /** Sends claimed emails over one connection (a fresh one after a failure), recording each outcome as soon as the server answered. */
    Outcome send(List<UUID> claimed) {
        if (claimed.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        Outcome outcome = new Outcome(0, 0, 0);
        Session session = sessions.session();
        Transport transport = null;
        try {
            for (Mail m : load(claimed)) {
                String error = null;
                try {
                    Message message = message(m, session);
                    if (transport == null) {
                        transport = session.getTransport("smtp");
                        transport.connect();
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                } catch (MessagingException | RuntimeException e) {
                    error = e.getCause() != null ? e.getCause().toString() : e.toString();
                    close(transport);
                    transport = null;
                }
                outcome = outcome.plus(record(m, error));
            }
        } finally {
            close(transport);
        }
        return outcome;
    }

    private Message message(Mail m, Session session) throws MessagingException {
        String link = MessageNotices.link(config.getAppUrl(), m.path());
        String excerpt = m.excerpt().isBlank() ? "(no text)" : m.excerpt();
        String documents = m.documentCount() == 0 ? "" : MessageNotices.attachments(m.documentCount()) + ".";
        String text = m.authorName() + " (" + m.authorRole() + ") wrote on " + m.subjectTitle() + ":\n\n" + excerpt + "\n\n"
                + (documents.isEmpty() ? "" : documents + "\n\n") + "Read and answer in GrantLine: " + link + "\n";
        String html = "<html><body><p>" + esc(m.authorName()) + " (" + esc(m.authorRole()) + ") wrote on <b>" + esc(m.subjectTitle())
                + "</b>:</p><blockquote>" + esc(excerpt).replace("\n", "<br>") + "</blockquote>"
                + (documents.isEmpty() ? "" : "<p>" + esc(documents) + "</p>")
                + "<p><a href=\"" + esc(link) + "\">Read and answer in GrantLine</a></p></body></html>";
        UnsubscribeFooter.Footer footer = unsubscribe.footer(m.email(), EnumSet.of(NoticeKind.MESSAGE), WHY);
        Message message = composer.compose(Email.builder()
                .from(new Contact(config.getFromEmail(), config.getFromName()))
                .to(m.email())
                .subject(MessageNotices.subject(m.authorName(), m.subjectTitle()))
                .body(new MultipartBody(footer.html(html), footer.text(text))).build(), session);
        message.setHeader("Message-ID", "<message." + m.id() + "@grantline.notifications>");   // kept across retries
        // Every message of one thread refers to the thread, so mail clients show the conversation together.
        message.setHeader("References", "<thread." + m.subjectKind().toLowerCase() + "." + m.subjectId() + "@grantline.notifications>");
        message.setHeader("X-GrantLine-Message", m.messageId().toString());
        message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies back
        for (Map.Entry<String, String> h : footer.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());          // RFC 8058 one-click unsubscribe of MESSAGE notices
        }
        message.saveChanges();
        return message;
    }

    private Outcome record(Mail m, String error) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            MessageEmailStatus next;
            int attempts = m.attempts();
            Instant retryAt = now;
            if (error == null) {
                next = MessageEmailStatus.SENT;
            } else {
                attempts++;
                if (attempts >= config.getMaxAttempts()) {
                    next = MessageEmailStatus.FAILED;
                } else {
                    next = MessageEmailStatus.PENDING;
                    retryAt = now.plus(backoff.after(attempts));
                }
            }
            int updated;
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE message_email SET status = ?, attempts = ?, "
                    + "next_attempt_at = ?, last_error = ?, sent_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? "
                    + "WHERE id = ? AND status = ? AND claimed_by = ?")) {
                Sql.set(ps, 1, next);
                ps.setInt(2, attempts);
                ps.setObject(3, Sql.ts(retryAt));
                ps.setString(4, Sql.clip(error, 1000));
                ps.setObject(5, next == MessageEmailStatus.SENT ? Sql.ts(now) : null);
                ps.setObject(6, Sql.ts(now));
                ps.setObject(7, m.id());
                Sql.set(ps, 8, MessageEmailStatus.PENDING);
                ps.setString(9, instance);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                LOG.warn("Message email {} was taken over by another replica after its lease ran out", m.id());
                return new Outcome(0, 0, 0);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("messageId", m.messageId().toString());
            after.put("to", m.email());
            after.put("status", next.name());
            after.put("attempts", attempts);
            if (error != null) {
                after.put("error", Sql.clip(error, 300));
            }
            String action = switch (next) {
                case SENT -> "message-email.sent";
                case FAILED -> "message-email.failed";
                case PENDING -> "message-email.retrying";
            };
            audit.record(action, "message_email", m.id(), null, after);
            return switch (next) {
                case SENT -> new Outcome(1, 0, 0);
                case FAILED -> new Outcome(0, 0, 1);
                case PENDING -> new Outcome(0, 1, 0);
            };
        });
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

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
