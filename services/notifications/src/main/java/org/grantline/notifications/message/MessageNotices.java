package org.grantline.notifications.message;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.directory.JurisdictionDirectory;
import org.grantline.notifications.message.MessageNoticeController.MessageNoticeCommand;
import org.grantline.notifications.message.MessageNoticeController.SubjectKind;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A conversation message announced by grants: stored once per {@code messageId} (a repeat, even a
 * concurrent one, finds the row and changes nothing), put in the other side's inbox in the same
 * transaction, and given one email row per recipient, which {@link MessageMailer} sends.
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
    private final JurisdictionDirectory directory;
    private final NotificationPreferences preferences;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageMailer mailer;

    public MessageNotices(TransactionOperations<Connection> tx, JurisdictionDirectory directory, NotificationPreferences preferences,
                          NotificationsConfig config, AuditTrail audit, Clock clock, MessageMailer mailer) {
        this.tx = tx;
        this.directory = directory;
        this.preferences = preferences;
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
        List<String> recipients;
        String unresolved = null;
        try {
            recipients = recipients(m.fromDoj(), m.jurisdictionId());
        } catch (RuntimeException e) {
            LOG.warn("Contacts of jurisdiction {} could not be read for message {}: the mailer reads them later ({})",
                    m.jurisdictionId(), m.messageId(), e.toString());
            recipients = List.of();
            unresolved = e.toString();
        }
        Instant now = clock.instant();
        List<String> to = recipients;
        String error = unresolved;
        boolean created = tx.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!insertNotice(c, m, error == null, error, now)) {
                return false;
            }
            insertInbox(c, m, now);
            insertEmails(c, m.messageId(), to, now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("subjectKind", m.subjectKind().name());
            after.put("subjectId", m.subjectId().toString());
            after.put("jurisdictionId", m.jurisdictionId().toString());
            after.put("fromDoj", m.fromDoj());
            after.put("inbox", m.fromDoj() ? JURISDICTION_AUDIENCE : DOJ_AUDIENCE);
            after.put("recipientsResolved", error == null);
            after.put("emails", to.size());
            audit.record("message-notice.received", "message_notice", m.messageId(), null, after);
            return true;
        });
        if (created && !to.isEmpty()) {
            mailer.dispatchSoon(m.messageId());   // best effort; the delivery loop sends whatever this leaves
        }
        return created;
    }

    private boolean known(UUID messageId) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT 1 FROM message_notice WHERE message_id = ?")) {
                ps.setObject(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Who is emailed: for a DOJ message the jurisdiction's contacts with the reminder roles, for a
     * jurisdiction's message the DOJ officer's address; less those who declined MESSAGE notices.
     * Throws when the jurisdiction service cannot be read.
     */
    List<String> recipients(boolean fromDoj, UUID jurisdictionId) {
        Set<String> emails = new LinkedHashSet<>();
        if (fromDoj) {
            Set<String> roles = new LinkedHashSet<>(config.getReminderRoles());
            directory.contacts(List.of(jurisdictionId)).getOrDefault(jurisdictionId, List.of()).stream()
                    .filter(ct -> roles.contains(ct.role()) && ct.email() != null && !ct.email().isBlank())
                    .forEach(ct -> emails.add(NotificationPreferences.address(ct.email())));
        } else if (config.getDojOfficerEmail() != null && !config.getDojOfficerEmail().isBlank()) {
            emails.add(NotificationPreferences.address(config.getDojOfficerEmail()));
        }
        return receiving(emails);
    }

    /** The addresses whose owners did not decline MESSAGE notices. */
    List<String> receiving(Collection<String> emails) {
        Map<String, NotificationPreference> chosen = preferences.forEmails(emails);
        return emails.stream().filter(e -> chosen.get(e) == null || chosen.get(e).receives(NoticeKind.MESSAGE)).toList();
    }

    private static boolean insertNotice(Connection c, MessageNoticeCommand m, boolean resolved, String error, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_notice (message_id, subject_kind, subject_id, jurisdiction_id, "
                + "subject_title, author_name, author_role, from_doj, excerpt, path, document_count, posted_at, received_at, "
                + "recipients_resolved, resolve_attempts, resolve_after, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
                + "ON CONFLICT (message_id) DO NOTHING")) {
            ps.setObject(1, m.messageId());
            ps.setString(2, m.subjectKind().name());
            ps.setObject(3, m.subjectId());
            ps.setObject(4, m.jurisdictionId());
            ps.setString(5, m.subjectTitle());
            ps.setString(6, m.authorName());
            ps.setString(7, m.authorRole());
            ps.setBoolean(8, m.fromDoj());
            ps.setString(9, m.excerpt());
            ps.setString(10, m.path());
            ps.setInt(11, m.documentCount());
            ps.setObject(12, Sql.ts(m.postedAt()));
            ps.setObject(13, Sql.ts(now));
            ps.setBoolean(14, resolved);
            ps.setObject(15, resolved ? null : Sql.ts(now));
            ps.setString(16, Sql.clip(error, 1000));
            return ps.executeUpdate() == 1;
        }
    }

    /** One notice for the other side's inbox: the jurisdiction's officials and legal officers, or DOJ. */
    private void insertInbox(Connection c, MessageNoticeCommand m, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification (id, subject, body, created_at, jurisdiction_id, audience, "
                + "requirement_id, notice_kind, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, Sql.clip(subject(m.authorName(), m.subjectTitle()), 300));
            ps.setString(3, body(m.excerpt(), m.documentCount()));
            ps.setObject(4, Sql.ts(now));
            ps.setObject(5, m.jurisdictionId());
            ps.setString(6, m.fromDoj() ? JURISDICTION_AUDIENCE : DOJ_AUDIENCE);
            ps.setObject(7, m.subjectKind() == SubjectKind.REQUIREMENT ? m.subjectId() : null);
            ps.setString(8, NoticeKind.MESSAGE.name());
            ps.setString(9, link(config.getAppUrl(), m.path()));
            ps.executeUpdate();
        }
    }

    /** One PENDING email row per address (a repeat of the same address is one row). */
    static void insertEmails(Connection c, UUID messageId, Collection<String> emails, Instant now) throws SQLException {
        if (emails.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_email (id, message_id, email, status, attempts, next_attempt_at, "
                + "created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (String email : emails) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, messageId);
                ps.setString(3, email);
                Sql.set(ps, 4, MessageEmailStatus.PENDING);
                ps.setObject(5, Sql.ts(now));
                ps.setObject(6, Sql.ts(now));
                ps.setObject(7, Sql.ts(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
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

    static String link(String appUrl, String path) {
        return appUrl.replaceAll("/+$", "") + path;
    }
}
