package org.grantline.notifications.message;

import io.micronaut.context.annotation.Value;
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
import org.grantline.notifications.delivery.ClaimTable;
import org.grantline.notifications.email.EmailTemplates;
import org.grantline.notifications.email.SmtpConnection;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.UnsubscribeFooter;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends the emails of conversation messages, at least once, with each outcome recorded as soon as
 * the SMTP server has answered for that message (the bound of the reminder digests: a replica that
 * dies after the server accepted one and before its outcome was written repeats that one message
 * once its claim has run out; none is lost). Due rows are claimed ({@link ClaimTable}: {@code FOR
 * UPDATE SKIP LOCKED} and a short lease, kept alive by {@link #beat()} from the claim heartbeat), sent
 * over one SMTP connection, marked {@code SENT} right after the server accepted each one, and retried
 * with the reminders' capped exponential backoff on failure ({@code FAILED} after {@code max-attempts}).
 * Runs from the reminder delivery loop ({@code ReminderRunner.deliver()}) and, best effort, right
 * after an intake commits, on the {@code message-email} executor.
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
    private final UnsubscribeFooter unsubscribe;
    private final MessageRecipients recipients;
    private final EmailTemplates templates;
    private final ExecutorService soon;
    private final ClaimTable<MessageEmailStatus> emails;

    public MessageMailer(TransactionOperations<Connection> tx, SessionProvider sessions, MessageComposer composer, NotificationsConfig config,
                         AuditTrail audit, Clock clock, UnsubscribeFooter unsubscribe, MessageRecipients recipients,
                         EmailTemplates templates, @Named("message-email") ExecutorService soon,
                         @Value("${micronaut.application.instance.id:local}") String instance) {
        this.tx = tx;
        this.sessions = sessions;
        this.composer = composer;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.unsubscribe = unsubscribe;
        this.recipients = recipients;
        this.templates = templates;
        this.soon = soon;
        this.emails = new ClaimTable<>("message_email", null, MessageEmailStatus.CLAIMS,
                "msg-" + instance + "-" + UUID.randomUUID().toString().substring(0, 8), config);
    }

    public record Outcome(int sent, int retrying, int failed) {
        public static final Outcome NONE = new Outcome(0, 0, 0);

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
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down: message {} is left to the delivery loop", messageId);
        }
    }

    /** Reads the recipients still unknown, then sends every due email, batch by batch. */
    public Outcome run() {
        try {
            recipients.resolvePending();
        } catch (RuntimeException e) {
            LOG.warn("Recipients of conversation messages could not be read now: {}", e.toString());
        }
        Outcome total = Outcome.NONE;
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

    /** Claims up to {@code limit} due emails (of one message, or of any): a lease for this replica, the row staying PENDING. */
    List<UUID> claim(int limit, UUID messageId) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> emails.claim(status.getConnection(), now, limit,
                messageId == null ? null : new ClaimTable.Where("message_id", messageId)));
    }

    /** Keeps this replica's claims alive while it sends. */
    public int beat() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> emails.beat(status.getConnection(), now));
    }

    record Mail(UUID id, UUID messageId, String email, int attempts, String subjectKind, UUID subjectId, String subjectTitle,
                String authorName, String authorRole, String excerpt, String path, int documentCount, NoticeKind kind) {
    }

    private List<Mail> load(List<UUID> ids) {
        return tx.executeRead(status -> Jdbc.list(status.getConnection(), "SELECT e.id, e.message_id, e.email, e.attempts, "
                + "m.subject_kind, m.subject_id, m.subject_title, m.author_name, m.author_role, m.excerpt, m.path, m.document_count, m.notice_kind "
                + "FROM message_email e JOIN message_notice m ON m.message_id = e.message_id WHERE e.id IN (" + Sql.marks(ids.size())
                + ") AND e.status = ? AND e.claimed_by = ? ORDER BY e.next_attempt_at, e.id",
                p -> p.addAll(ids).add(MessageEmailStatus.PENDING).add(emails.owner()),
                rs -> new Mail(Sql.uuid(rs, "id"), Sql.uuid(rs, "message_id"), rs.getString("email"), rs.getInt("attempts"),
                        rs.getString("subject_kind"), Sql.uuid(rs, "subject_id"), rs.getString("subject_title"),
                        rs.getString("author_name"), rs.getString("author_role"), rs.getString("excerpt"), rs.getString("path"),
                        rs.getInt("document_count"), NoticeKind.valueOf(rs.getString("notice_kind")))));
    }

    /** Sends claimed emails over one connection (a fresh one after a failure), recording each outcome as soon as the server answered. */
    Outcome send(List<UUID> claimed) {
        if (claimed.isEmpty()) {
            return Outcome.NONE;
        }
        Outcome outcome = Outcome.NONE;
        try (SmtpConnection smtp = new SmtpConnection(sessions.session())) {
            for (Mail m : load(claimed)) {
                String error = smtp.send(session -> message(m, session));
                outcome = outcome.plus(record(m, error));
            }
        }
        return outcome;
    }

    /** One line of the excerpt; the HTML part breaks the lines where the text does. */
    public record Line(String text, boolean first) {
    }

    /** What the templates ({@code email/message.*}) are given. */
    public record View(String authorName, String authorRole, String subjectTitle, String excerpt, List<Line> excerptLines,
                       String documents, String link, UnsubscribeFooter.Footer footer) {
    }

    private Message message(Mail m, Session session) throws MessagingException {
        String excerpt = m.excerpt().isBlank() ? "(no text)" : m.excerpt();
        List<Line> lines = new ArrayList<>();
        for (String line : excerpt.split("\n", -1)) {
            lines.add(new Line(line, lines.isEmpty()));
        }
        // A demand's reminder or late notice is declined as a certification's is; its escalation cannot be.
        UnsubscribeFooter.Footer footer = m.kind() == NoticeKind.MESSAGE ? unsubscribe.footer(m.email(), EnumSet.of(NoticeKind.MESSAGE), WHY)
                : unsubscribe.footer(m.email(), EnumSet.of(m.kind()));
        EmailTemplates.Body body = templates.render(EmailTemplates.Template.MESSAGE, new View(m.authorName(), m.authorRole(),
                m.subjectTitle(), excerpt, lines, m.documentCount() == 0 ? null : MessageNotices.attachments(m.documentCount()),
                MessageNotices.link(config.getAppUrl(), m.path()), footer));
        Message message = composer.compose(Email.builder()
                .from(new Contact(config.getFromEmail(), config.getFromName()))
                .to(m.email())
                .subject(MessageNotices.subject(m.authorName(), m.subjectTitle()))
                .body(new MultipartBody(body.html(), body.text())).build(), session);
        message.setHeader("Message-ID", "<message." + m.id() + "@grantline.notifications>");   // kept across retries
        // Every message of one thread refers to the thread, so mail clients show the conversation together.
        message.setHeader("References", "<thread." + m.subjectKind().toLowerCase() + "." + m.subjectId() + "@grantline.notifications>");
        message.setHeader("X-GrantLine-Message", m.messageId().toString());
        message.setHeader("Auto-Submitted", "auto-generated");   // RFC 3834: no auto-replies back
        for (Map.Entry<String, String> h : footer.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());          // RFC 8058 one-click unsubscribe of notices of this kind
        }
        message.saveChanges();
        return message;
    }

    private Outcome record(Mail m, String error) {
        Instant now = clock.instant();
        ClaimTable.Outcome<MessageEmailStatus> next = error == null ? emails.sent(m.attempts(), now)
                : emails.failed(m.attempts() + 1, error, false, now);
        return tx.executeWrite(status -> {
            if (!emails.settle(status.getConnection(), m.id(), next, now)) {
                LOG.warn("Message email {} was taken over by another replica after its lease ran out", m.id());
                return Outcome.NONE;
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("messageId", m.messageId().toString());
            after.put("to", m.email());
            after.put("status", next.status().name());
            after.put("attempts", next.attempts());
            if (error != null) {
                after.put("error", Sql.clip(error, 300));
            }
            String action = switch (next.status()) {
                case SENT -> "message-email.sent";
                case FAILED -> "message-email.failed";
                case PENDING -> "message-email.retrying";
            };
            audit.record(action, "message_email", m.id(), null, after);
            return switch (next.status()) {
                case SENT -> new Outcome(1, 0, 0);
                case FAILED -> new Outcome(0, 0, 1);
                case PENDING -> new Outcome(0, 1, 0);
            };
        });
    }
}
