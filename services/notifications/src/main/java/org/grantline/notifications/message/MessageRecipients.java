package org.grantline.notifications.message;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.Backoff;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.notifications.directory.JurisdictionLookups;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.support.Jdbc;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is emailed about a conversation message, and their {@code message_email} rows: for a DOJ
 * message the jurisdiction's contacts with the reminder roles, for a jurisdiction's message the DOJ
 * officer's address; less those who declined MESSAGE notices. Notices stored while the jurisdiction
 * service was down get their rows later ({@link #resolvePending}), retried with backoff.
 */
@Singleton
public class MessageRecipients {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRecipients.class);

    private final TransactionOperations<Connection> tx;
    private final JurisdictionLookups directory;
    private final NotificationPreferences preferences;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final Backoff backoff;

    public MessageRecipients(TransactionOperations<Connection> tx, JurisdictionLookups directory, NotificationPreferences preferences,
                             NotificationsConfig config, AuditTrail audit, Clock clock) {
        this.tx = tx;
        this.directory = directory;
        this.preferences = preferences;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.backoff = new Backoff(config.getBackoffBase(), config.getBackoffCap(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The addresses to email about a message of this kind; throws when the jurisdiction service cannot be read. */
    List<String> of(boolean fromDoj, UUID jurisdictionId, NoticeKind kind) {
        Set<String> emails = new LinkedHashSet<>();
        if (fromDoj) {
            emails.addAll(contacts(directory.contacts(List.of(jurisdictionId)), jurisdictionId));
        } else if (config.getDojOfficerEmail() != null && !config.getDojOfficerEmail().isBlank()) {
            emails.add(NotificationPreferences.address(config.getDojOfficerEmail()));
        }
        return receiving(emails, kind);
    }

    private Set<String> contacts(Map<UUID, List<ContactView>> contacts, UUID jurisdictionId) {
        Set<String> roles = new LinkedHashSet<>(config.getReminderRoles());
        Set<String> emails = new LinkedHashSet<>();
        contacts.getOrDefault(jurisdictionId, List.of()).stream()
                .filter(ct -> roles.contains(ct.role().name()) && ct.email() != null && !ct.email().isBlank())
                .forEach(ct -> emails.add(NotificationPreferences.address(ct.email())));
        return emails;
    }

    /** The addresses whose owners did not decline notices of this kind (a mandatory one goes to all). */
    private List<String> receiving(Collection<String> emails, NoticeKind kind) {
        Map<String, NotificationPreference> chosen = preferences.forEmails(emails);
        return emails.stream().filter(e -> chosen.get(e) == null || chosen.get(e).receives(kind)).toList();
    }

    /** One PENDING email row per address (a repeat of the same address is one row). */
    static void insertEmails(Connection c, UUID messageId, Collection<String> emails, Instant now) throws SQLException {
        Jdbc.batch(c, "INSERT INTO message_email (id, message_id, email, status, attempts, next_attempt_at, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING", emails, (p, email) -> p.add(UUID.randomUUID()).add(messageId)
                .add(email).add(MessageEmailStatus.PENDING).add(now).add(now).add(now));
    }

    private record Pending(UUID messageId, UUID jurisdictionId, int attempts, NoticeKind kind) {
    }

    /**
     * Notices stored while the jurisdiction service was down (a DOJ message's contacts unread): their
     * contacts are read now and their email rows made; still unreadable, they are tried again after a backoff.
     */
    int resolvePending() {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Pending> pending = Jdbc.list(c, "SELECT message_id, jurisdiction_id, resolve_attempts, notice_kind FROM message_notice "
                    + "WHERE recipients_resolved = FALSE AND (resolve_after IS NULL OR resolve_after <= ?) ORDER BY received_at, message_id "
                    + "LIMIT 100 FOR UPDATE SKIP LOCKED", p -> p.add(now),
                    rs -> new Pending(Sql.uuid(rs, "message_id"), Sql.uuid(rs, "jurisdiction_id"), rs.getInt("resolve_attempts"),
                            NoticeKind.valueOf(rs.getString("notice_kind"))));
            if (pending.isEmpty()) {
                return 0;
            }
            Map<UUID, List<ContactView>> contacts;
            try {
                contacts = directory.contacts(new LinkedHashSet<>(pending.stream().map(Pending::jurisdictionId).toList()));
            } catch (RuntimeException e) {
                Jdbc.batch(c, "UPDATE message_notice SET resolve_attempts = ?, resolve_after = ?, last_error = ? WHERE message_id = ?",
                        pending, (p, m) -> p.add(m.attempts() + 1).add(now.plus(backoff.after(m.attempts() + 1)))
                                .add(Sql.clip(e.toString(), 1000)).add(m.messageId()));
                LOG.warn("Contacts for {} conversation messages still unreadable: {}", pending.size(), e.toString());
                return 0;
            }
            List<AuditTrail.Change> changes = new ArrayList<>();
            for (Pending m : pending) {
                List<String> to = receiving(contacts(contacts, m.jurisdictionId()), m.kind());
                insertEmails(c, m.messageId(), to, now);
                Jdbc.update(c, "UPDATE message_notice SET recipients_resolved = TRUE, resolve_after = NULL, last_error = NULL "
                        + "WHERE message_id = ?", p -> p.add(m.messageId()));
                changes.add(new AuditTrail.Change("message-notice.recipients-resolved", "message_notice", m.messageId(), null,
                        Map.of("emails", to.size())));
            }
            audit.recordAll(changes);
            return pending.size();
        });
    }
}
