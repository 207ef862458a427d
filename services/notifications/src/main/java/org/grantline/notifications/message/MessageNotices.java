package org.grantline.notifications.message;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.api.MessageNoticeCommand;
import org.grantline.notifications.api.SubjectKind;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.notifications.webhook.MessageWebhooks;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation message announced by grants: stored once per {@code messageId} (a repeat, even a
 * concurrent one, finds the row and changes nothing), put in the other side's inbox in the same
 * transaction, and given one email row per recipient ({@link MessageRecipients}), which
 * {@link MessageMailer} sends, and one row per webhook serving its jurisdiction ({@link MessageWebhooks}).
 *
 * <p>Recipients of a DOJ message are the jurisdiction's contacts with the reminder roles, read from
 * the jurisdiction service. When it cannot be read, the intake still answers 200 and stores the
 * notice (and its inbox row) with {@code recipients_resolved = false}: the mailer reads the contacts
 * on its next runs and makes the email rows then. Answering 503 instead would have grants repeat a
 * message whose inbox notice is already the same either way, and lose nothing only as long as its
 * relay keeps retrying; holding the notice here keeps the promise in one place.
 */
@Singleton
public class MessageNotices {
    private static final Logger LOG = LoggerFactory.getLogger(MessageNotices.class);
    static final String JURISDICTION_AUDIENCE = "JURISDICTION";
    static final String DOJ_AUDIENCE = "DOJ";

    private final TransactionOperations<Connection> tx;
    private final MessageRecipients recipients;
    private final MessageWebhooks webhooks;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageMailer mailer;

    public MessageNotices(TransactionOperations<Connection> tx, MessageRecipients recipients, MessageWebhooks webhooks,
                          NotificationsConfig config, AuditTrail audit, Clock clock, MessageMailer mailer) {
        this.tx = tx;
        this.recipients = recipients;
        this.webhooks = webhooks;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.mailer = mailer;
    }

    /** Stores and delivers the notice; answers whether it was new (false: this message had been announced already). */
    public boolean accept(MessageNoticeCommand m) {
        if (known(m.messageId())) {
            return false;   // a repeat of the relay: no need to ask the jurisdiction service again
        }
        List<String> to;
        String unresolved = null;
        try {
            to = recipients.of(m.fromDoj(), m.jurisdictionId(), kind(m));
        } catch (RuntimeException e) {
            LOG.warn("Contacts of jurisdiction {} could not be read for message {}: the mailer reads them later ({})",
                    m.jurisdictionId(), m.messageId(), e.toString());
            to = List.of();
            unresolved = e.toString();
        }
        Instant now = clock.instant();
        List<String> emails = to;
        String error = unresolved;
        boolean created = tx.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!insertNotice(c, m, error, now)) {
                return false;
            }
            insertInbox(c, m, now);
            MessageRecipients.insertEmails(c, m.messageId(), emails, now);
            int hooks = webhooks.enqueue(c, m.messageId(), m.jurisdictionId(), now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("subjectKind", m.subjectKind().name());
            after.put("subjectId", m.subjectId().toString());
            after.put("jurisdictionId", m.jurisdictionId().toString());
            after.put("fromDoj", m.fromDoj());
            after.put("noticeKind", kind(m).name());
            after.put("inbox", m.fromDoj() ? JURISDICTION_AUDIENCE : DOJ_AUDIENCE);
            after.put("recipientsResolved", error == null);
            after.put("emails", emails.size());
            after.put("webhooks", hooks);
            audit.record("message-notice.received", "message_notice", m.messageId(), null, after);
            return true;
        });
        if (created && !emails.isEmpty()) {
            mailer.dispatchSoon(m.messageId());   // best effort; the delivery loop sends whatever this leaves
        }
        return created;
    }

    private boolean known(UUID messageId) {
        return tx.executeRead(status -> !Jdbc.list(status.getConnection(), "SELECT 1 FROM message_notice WHERE message_id = ?",
                p -> p.add(messageId), rs -> true).isEmpty());
    }

    /** False when the message is stored already (a concurrent repeat won). */
    private static boolean insertNotice(Connection c, MessageNoticeCommand m, String unresolved, Instant now) throws SQLException {
        boolean resolved = unresolved == null;
        return Jdbc.update(c, "INSERT INTO message_notice (message_id, subject_kind, subject_id, jurisdiction_id, "
                + "subject_title, author_name, author_role, from_doj, excerpt, path, document_count, posted_at, received_at, "
                + "recipients_resolved, resolve_attempts, resolve_after, last_error, notice_kind) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
                + "ON CONFLICT (message_id) DO NOTHING", p -> p.add(m.messageId()).add(m.subjectKind()).add(m.subjectId())
                .add(m.jurisdictionId()).add(m.subjectTitle()).add(m.authorName()).add(m.authorRole()).add(m.fromDoj()).add(m.excerpt())
                .add(m.path()).add(m.documentCount()).add(m.postedAt()).add(now).add(resolved).add(resolved ? null : now)
                .add(Sql.clip(unresolved, 1000)).add(kind(m))) == 1;
    }

    /** One notice for the other side's inbox: the jurisdiction's officials and legal officers, or DOJ. */
    private void insertInbox(Connection c, MessageNoticeCommand m, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO notification (id, subject, body, created_at, jurisdiction_id, audience, requirement_id, notice_kind, "
                + "link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p -> p.add(UUID.randomUUID())
                .add(Sql.clip(subject(m.authorName(), m.subjectTitle()), 300)).add(body(m.excerpt(), m.documentCount())).add(now)
                .add(m.jurisdictionId()).add(m.fromDoj() ? JURISDICTION_AUDIENCE : DOJ_AUDIENCE)
                .add(m.subjectKind() == SubjectKind.REQUIREMENT ? m.subjectId() : null).add(kind(m))
                .add(link(config.getAppUrl(), m.path())));
    }

    /** What the notice is to its recipients, as they choose what to get. */
    static NoticeKind kind(MessageNoticeCommand m) {
        return NoticeKind.valueOf(m.kind().name());
    }

    static String subject(String author, String title) {
        return "New message from " + author + " on " + title;
    }

    static String body(String excerpt, int documents) {
        String text = excerpt.isBlank() ? "(no text)" : excerpt;
        return documents == 0 ? text : text + "\n\n" + attachments(documents) + ".";
    }

    static String attachments(int documents) {
        return documents == 1 ? "1 document attached" : documents + " documents attached";
    }

    /** The web app's page of the thread. */
    public static String link(String appUrl, String path) {
        return appUrl.replaceAll("/+$", "") + path;
    }
}
