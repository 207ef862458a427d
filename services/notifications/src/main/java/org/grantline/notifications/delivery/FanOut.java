package org.grantline.notifications.delivery;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.directory.JurisdictionDirectory;
import org.grantline.notifications.email.DigestEmail;
import org.grantline.notifications.plan.ProgramSettings;
import org.grantline.notifications.plan.ProgramSettingsRepository;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.plan.ReminderStatus;
import org.grantline.notifications.preference.NoticeKind;
import org.grantline.notifications.preference.NotificationPreference;
import org.grantline.notifications.preference.NotificationPreferences;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.support.Sql;
import org.grantline.notifications.webhook.Webhook;
import org.grantline.notifications.webhook.WebhookRepository;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns reminders that are due into deliveries: one row per recipient and channel (the jurisdiction's
 * contacts with the reminder roles by email, plus the chief executive and the DOJ officer when it
 * escalates; the in-app inbox; registered webhooks). Reminders are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas split the work; if the jurisdiction service cannot be
 * read the batch rolls back and the next run tries again. Email deliveries join their recipient's
 * digest of that day (one email per recipient per day); a digest already sent takes them the next day.
 */
@Singleton
public class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    static final String JURISDICTION_AUDIENCE = "JURISDICTION";
    static final String DOJ_AUDIENCE = "DOJ";

    private final TransactionOperations<Connection> tx;
    private final JurisdictionDirectory directory;
    private final ProgramSettingsRepository programSettings;
    private final WebhookRepository webhooks;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final NotificationPreferences preferences;

    public FanOut(TransactionOperations<Connection> tx, JurisdictionDirectory directory, ProgramSettingsRepository programSettings,
                  WebhookRepository webhooks, NotificationsConfig config, AuditTrail audit, Clock clock,
                  NotificationPreferences preferences) {
        this.tx = tx;
        this.preferences = preferences;
        this.directory = directory;
        this.programSettings = programSettings;
        this.webhooks = webhooks;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    record Due(UUID id, UUID requirementId, UUID jurisdictionId, Instant deadline, int offset, ReminderSchedule.Kind kind,
               boolean escalate, Instant dueAt, LocalDate localDate, String requirementStatus, boolean enjoined, UUID programId,
               String conditionTitle, String awardNumber, String timeZone) {

        /** The day its email goes out on: its own day, or today in the jurisdiction's zone when it is sent late. */
        LocalDate sendingDay(Instant now) {
            LocalDate today = LocalDate.ofInstant(now, java.time.ZoneId.of(timeZone));
            return localDate.isBefore(today) ? today : localDate;
        }
    }

    /** Fans out every due reminder, batch by batch; answers how many reminders went out. */
    /**
     * Contacts and names read from the jurisdiction service during one run: its batches share them
     * (read in bulk, every batch of 500 reminders re-read all contacts — ~130 requests a batch).
     */
    private static final class Directory {
        final Map<UUID, List<JurisdictionDirectory.Contact>> contacts = new HashMap<>();
        final Map<UUID, String> names = new HashMap<>();
    }

    public int run() {
        int total = 0;
        Directory known = new Directory();
        while (true) {
            int n;
            try {
                n = batch(known);
            } catch (RuntimeException e) {
                LOG.warn("Reminders could not go out now (they stay planned): {}", e.toString());
                return total;
            }
            total += n;
            if (n < config.getBatchSize()) {
                return total;
            }
        }
    }

    private int batch(Directory known) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Due> due = claim(c, now);
            if (due.isEmpty()) {
                return 0;
            }
            List<Object[]> skipped = new ArrayList<>();
            List<Due> live = new ArrayList<>();
            for (Due d : due) {
                if (!awaitsJurisdiction(d.requirementStatus()) || d.enjoined()) {
                    skipped.add(new Object[]{ReminderStatus.CANCELLED, d.enjoined() ? "court order" : d.requirementStatus().toLowerCase(),
                            Sql.ts(now), d.id()});
                } else if (d.kind() != ReminderSchedule.Kind.OVERDUE && now.isAfter(d.deadline())) {
                    skipped.add(new Object[]{ReminderStatus.SKIPPED, "the deadline passed before it could go out", Sql.ts(now), d.id()});
                } else {
                    live.add(d);
                }
            }
            batch(c, "UPDATE reminder SET status = ?, reason = ?, updated_at = ? WHERE id = ?", skipped);
            if (!live.isEmpty()) {
                send(c, live, now, known);
            }
            return due.size();
        });
    }

    private void send(Connection c, List<Due> live, Instant now, Directory known) throws SQLException {
        Set<UUID> jurisdictions = new LinkedHashSet<>();
        live.forEach(d -> jurisdictions.add(d.jurisdictionId()));
        Set<UUID> missingContacts = new LinkedHashSet<>(jurisdictions);
        missingContacts.removeAll(known.contacts.keySet());
        if (!missingContacts.isEmpty()) {
            known.contacts.putAll(directory.contacts(missingContacts));
        }
        Set<UUID> missingNames = new LinkedHashSet<>(jurisdictions);
        missingNames.removeAll(known.names.keySet());
        if (!missingNames.isEmpty()) {
            known.names.putAll(directory.names(missingNames));
        }
        Map<UUID, List<JurisdictionDirectory.Contact>> contacts = known.contacts;
        Map<UUID, String> names = new HashMap<>();
        jurisdictions.forEach(j -> {
            if (known.names.containsKey(j)) {
                names.put(j, known.names.get(j));
            }
        });
        Map<UUID, ProgramSettings> settings = new HashMap<>();
        programSettings.findAll().forEach(s -> settings.put(s.programId(), s));
        List<Webhook> hooks = webhooks.findByActiveTrue();

        List<Object[]> nameUpdates = new ArrayList<>();
        names.forEach((id, name) -> nameUpdates.add(new Object[]{name, id}));
        batch(c, "UPDATE tracked_requirement SET jurisdiction_name = ? WHERE jurisdiction_id = ?", nameUpdates);

        // What each recipient chose (declined kinds, digest hour), read once for every address this batch may mail.
        Set<String> addresses = new LinkedHashSet<>();
        jurisdictions.forEach(j -> contacts.getOrDefault(j, List.of()).forEach(ct -> addresses.add(NotificationPreferences.address(ct.email()))));
        if (config.getDojOfficerEmail() != null && !config.getDojOfficerEmail().isBlank()) {
            addresses.add(NotificationPreferences.address(config.getDojOfficerEmail()));
        }
        settings.values().stream().filter(ps -> ps.dojOfficerEmail() != null).forEach(ps -> addresses.add(NotificationPreferences.address(ps.dojOfficerEmail())));
        Map<String, NotificationPreference> chosen = preferences.forEmails(addresses);

        // Email recipients per (recipient, day): their digest is found or made first, in a fixed order (no deadlocks).
        record Mail(Due due, String email) {
        }
        TreeMap<String, List<Mail>> byRecipientDay = new TreeMap<>();
        Map<String, java.time.ZoneId> zones = new HashMap<>();
        Map<UUID, NoticeKind> kinds = new HashMap<>();
        List<Object[]> deliveries = new ArrayList<>();
        List<Object[]> inbox = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (Due d : live) {
            ProgramSettings program = d.programId() == null ? null : settings.get(d.programId());
            NoticeKind kind = NoticeKind.of(d.kind(), program == null || program.escalationsMandatory());
            kinds.put(d.id(), kind);
            Set<String> roles = new LinkedHashSet<>(config.getReminderRoles());
            if (d.escalate()) {
                roles.addAll(config.getEscalationRoles());
            }
            Set<String> emails = new LinkedHashSet<>();
            contacts.getOrDefault(d.jurisdictionId(), List.of()).stream().filter(ct -> roles.contains(ct.role()))
                    .forEach(ct -> emails.add(ct.email().trim().toLowerCase()));
            if (d.escalate()) {
                ProgramSettings ps = d.programId() == null ? null : settings.get(d.programId());
                String doj = ps != null && ps.dojOfficerEmail() != null ? ps.dojOfficerEmail() : config.getDojOfficerEmail();
                if (doj != null && !doj.isBlank()) {
                    emails.add(doj.trim().toLowerCase());
                }
            }
            int declined = 0;
            for (String email : emails) {
                NotificationPreference choice = chosen.get(email);
                if (choice != null && !choice.receives(kind)) {
                    declined++;   // the recipient declined this kind; a mandatory one still goes
                    continue;
                }
                String key = email + "|" + d.sendingDay(now);
                byRecipientDay.computeIfAbsent(key, k -> new ArrayList<>()).add(new Mail(d, email));
                zones.putIfAbsent(key, java.time.ZoneId.of(d.timeZone()));
            }
            String subject = subject(d, names.get(d.jurisdictionId()));
            inbox.add(new Object[]{d, JURISDICTION_AUDIENCE, subject, kind});
            if (d.escalate()) {
                inbox.add(new Object[]{d, DOJ_AUDIENCE, "Escalation: " + subject, kind});
            }
            for (Webhook h : hooks) {
                if (h.jurisdictionId() == null || h.jurisdictionId().equals(d.jurisdictionId())) {
                    deliveries.add(row(d, h.id().toString(), Channel.WEBHOOK, null, DeliveryStatus.PENDING, now, kind));
                }
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("offsetDays", d.offset());
            after.put("kind", kind.name());
            after.put("emails", emails.size() - declined);
            if (declined > 0) {
                after.put("declinedByRecipients", declined);
            }
            after.put("escalate", d.escalate());
            changes.add(new AuditTrail.Change("reminder.due", "reminder", d.id(), null, after));
        }
        Map<String, Integer> hours = new HashMap<>();
        chosen.forEach((email, p) -> {
            if (p.digestHour() != null) {
                hours.put(email, p.digestHour());
            }
        });
        Map<String, UUID> digests = digests(c, byRecipientDay.keySet(), now, zones, hours);
        byRecipientDay.forEach((key, mails) -> {
            for (Mail m : mails) {
                deliveries.add(row(m.due(), m.email(), Channel.EMAIL, digests.get(key), DeliveryStatus.PENDING, now, kinds.get(m.due().id())));
            }
        });
        int[] inserted = insertDeliveries(c, deliveries);
        reopenCancelled(c, deliveries, inserted, now);
        notices(c, inbox, names, now);
        batch(c, "UPDATE reminder SET status = ?, updated_at = ? WHERE id = ?",
                live.stream().map(d -> new Object[]{ReminderStatus.FANNED_OUT, Sql.ts(now), d.id()}).toList());
        audit.recordAll(changes);
    }

    static String subject(Due d, String jurisdiction) {
        String what = d.conditionTitle() == null ? "Certification" : d.conditionTitle();
        return "Certification " + ReminderSchedule.describe(d.offset()) + ": " + what
                + (jurisdiction == null ? "" : " — " + jurisdiction);
    }

    private static Object[] row(Due d, String recipient, Channel channel, UUID digest, DeliveryStatus status, Instant now, NoticeKind kind) {
        return new Object[]{UUID.randomUUID(), d.id(), d.requirementId(), d.jurisdictionId(), Sql.ts(d.deadline()), d.offset(),
                recipient, channel, digest, status, Sql.ts(now), Sql.ts(d.dueAt()), status == DeliveryStatus.SENT ? Sql.ts(now) : null,
                Sql.ts(now), Sql.ts(now), kind.name()};
    }

    private static int[] insertDeliveries(Connection c, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery (id, reminder_id, requirement_id, jurisdiction_id, "
                + "deadline_at, offset_days, recipient, channel, digest_id, status, attempts, next_attempt_at, due_at, sent_at, "
                + "created_at, updated_at, notice_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Sql.set(ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** A delivery stopped earlier (court order, then lifted) that is due again: pending once more. */
    private static void reopenCancelled(Connection c, List<Object[]> rows, int[] inserted, Instant now) throws SQLException {
        List<Object[]> reopen = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (inserted[i] == 0) {
                Object[] r = rows.get(i);
                reopen.add(new Object[]{r[1], r[8], DeliveryStatus.PENDING, Sql.ts(now), Sql.ts(now), r[2], r[4], r[5], r[6], r[7],
                        DeliveryStatus.CANCELLED});
            }
        }
        batch(c, "UPDATE delivery SET reminder_id = ?, digest_id = ?, status = ?, attempts = 0, next_attempt_at = ?, "
                + "last_error = NULL, updated_at = ? WHERE requirement_id = ? AND deadline_at = ? AND offset_days = ? AND recipient = ? "
                + "AND channel = ? AND status = ?", reopen);
    }

    /** In-app notices are written here, in the same transaction as their delivery row: exactly once. */
    private static void notices(Connection c, List<Object[]> inbox, Map<UUID, String> names, Instant now) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> notices = new ArrayList<>();
        for (Object[] n : inbox) {
            Due d = (Due) n[0];
            Object[] row = row(d, (String) n[1], Channel.INBOX, null, DeliveryStatus.SENT, now, (NoticeKind) n[3]);
            rows.add(row);
            notices.add(new Object[]{UUID.randomUUID(), n[2], body(d, names.get(d.jurisdictionId())), Sql.ts(now),
                    d.jurisdictionId(), n[1], d.requirementId(), row[0], ((NoticeKind) n[3]).name()});
        }
        int[] inserted = insertDeliveries(c, rows);
        List<Object[]> fresh = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] != 0) {
                fresh.add(notices.get(i));
            }
        }
        batch(c, "INSERT INTO notification (id, subject, body, created_at, jurisdiction_id, audience, requirement_id, delivery_id, "
                + "notice_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", fresh);
    }

    private static String body(Due d, String jurisdiction) {
        return (d.escalate() ? "Not certified yet: " : "Please certify: ") + (d.conditionTitle() == null ? "a certification" : d.conditionTitle())
                + (d.awardNumber() == null ? "" : " (award " + d.awardNumber() + ")")
                + (jurisdiction == null ? "" : " for " + jurisdiction) + ", deadline "
                + DigestEmail.local(d.deadline(), d.timeZone()) + ".";
    }

    /**
     * The open digest of each "recipient|day", made if missing; one already sent (or being sent) moves to the next day.
     * A new digest waits for its recipient's digest hour on its day (in the zone of its first reminder's jurisdiction);
     * an hour already past sends it at once.
     */
    private Map<String, UUID> digests(Connection c, Set<String> keys, Instant now, Map<String, java.time.ZoneId> zones,
                                      Map<String, Integer> hours) throws SQLException {
        Map<String, String> originalOf = new HashMap<>();
        Map<String, UUID> result = new HashMap<>();
        Map<String, String> wanted = new TreeMap<>();  // original key -> key tried now
        keys.forEach(k -> wanted.put(k, k));
        for (int round = 0; round < 8 && !wanted.isEmpty(); round++) {
            List<Object[]> creates = new ArrayList<>();
            wanted.forEach((original, tried) -> originalOf.put(tried, original));
            for (String k : new java.util.TreeSet<>(wanted.values())) {
                String[] p = k.split("\\|");
                UUID id = UUID.randomUUID();
                Instant sendAt = DigestHour.sendAt(LocalDate.parse(p[1]), hours.get(p[0]), zones.get(originalOf.get(k)), now);
                creates.add(new Object[]{id, p[0], LocalDate.parse(p[1]), DeliveryStatus.PENDING, Sql.ts(sendAt),
                        "<digest." + id + "@grantline.notifications>", Sql.ts(now), Sql.ts(now)});
            }
            batch(c, "INSERT INTO email_digest (id, recipient, digest_date, status, attempts, next_attempt_at, message_id, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING", creates);
            Map<String, FoundDigest> found = lockDigests(c, new java.util.TreeSet<>(wanted.values()));
            List<Object[]> reopen = new ArrayList<>();
            for (var e : new ArrayList<>(wanted.entrySet())) {
                FoundDigest digest = found.get(e.getValue());
                if (digest.status().takesMoreItems()) {
                    if (digest.status() == DeliveryStatus.CANCELLED) {
                        reopen.add(new Object[]{DeliveryStatus.PENDING, Sql.ts(now), Sql.ts(now), digest.id()});
                    }
                    result.put(e.getKey(), digest.id());
                    wanted.remove(e.getKey());
                } else {
                    String[] p = e.getValue().split("\\|");
                    e.setValue(p[0] + "|" + LocalDate.parse(p[1]).plusDays(1));
                    wanted.put(e.getKey(), e.getValue());
                }
            }
            batch(c, "UPDATE email_digest SET status = ?, attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?", reopen);
        }
        return result;
    }

    private record FoundDigest(UUID id, DeliveryStatus status) {
    }

    private static Map<String, FoundDigest> lockDigests(Connection c, Set<String> keys) throws SQLException {
        Map<String, FoundDigest> found = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 400) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 400));
            Set<String> recipients = new LinkedHashSet<>();
            Set<LocalDate> days = new LinkedHashSet<>();
            for (String k : chunk) {
                String[] p = k.split("\\|");
                recipients.add(p[0]);
                days.add(LocalDate.parse(p[1]));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, recipient, digest_date, status FROM email_digest WHERE recipient IN ("
                    + Sql.marks(recipients.size()) + ") AND digest_date IN (" + Sql.marks(days.size()) + ") ORDER BY recipient, digest_date FOR UPDATE")) {
                int i = Sql.bind(ps, 1, recipients);
                Sql.bind(ps, i, days);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString("recipient") + "|" + rs.getObject("digest_date", LocalDate.class),
                                new FoundDigest(Sql.uuid(rs, "id"), DeliveryStatus.valueOf(rs.getString("status"))));
                    }
                }
            }
        }
        return found;
    }

    private List<Due> claim(Connection c, Instant now) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM reminder WHERE status = ? AND due_at <= ? "
                + "ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            Sql.set(ps, 1, ReminderStatus.PLANNED);
            ps.setObject(2, Sql.ts(now));
            ps.setInt(3, config.getBatchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(Sql.uuid(rs, "id"));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.requirement_id, r.jurisdiction_id, r.deadline_at, r.offset_days, "
                + "r.kind, r.escalate, r.due_at, r.local_date, t.status, t.enjoined, t.program_id, t.condition_title, t.award_number, "
                + "t.time_zone "
                + "FROM reminder r JOIN tracked_requirement t ON t.id = r.requirement_id WHERE r.id IN (" + Sql.marks(ids.size()) + ")")) {
            Sql.bind(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(Sql.uuid(rs, "id"), Sql.uuid(rs, "requirement_id"), Sql.uuid(rs, "jurisdiction_id"),
                            Sql.instant(rs, "deadline_at"), rs.getInt("offset_days"), ReminderSchedule.Kind.valueOf(rs.getString("kind")),
                            rs.getBoolean("escalate"),
                            Sql.instant(rs, "due_at"), rs.getObject("local_date", LocalDate.class), rs.getString("status"),
                            rs.getBoolean("enjoined"), Sql.uuid(rs, "program_id"), rs.getString("condition_title"),
                            rs.getString("award_number"), rs.getString("time_zone")));
                }
            }
        }
        return due;
    }

    static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Sql.set(ps, i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Open, or rejected by DOJ and waiting for a new submission: both are still reminded. */
    private static boolean awaitsJurisdiction(String requirementStatus) {
        return "OPEN".equals(requirementStatus) || "REJECTED".equals(requirementStatus);
    }
}
