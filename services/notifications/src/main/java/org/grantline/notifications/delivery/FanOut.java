package org.grantline.notifications.delivery;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.email.DigestEmail;
import org.grantline.notifications.plan.ReminderSchedule;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns reminders that are due into deliveries, batch by batch, each batch one transaction:
 * claimed ({@link DueReminders}, {@code FOR UPDATE SKIP LOCKED}, so replicas split the work), given
 * their recipients ({@link Recipients}), their emails grouped into each recipient's digest of the day
 * ({@link DigestGrouping}), and written ({@link DeliveryRows}: one row per recipient and channel, and
 * the in-app notices). If the jurisdiction service cannot be read the batch rolls back and the next
 * run tries again.
 */
@Singleton
public class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    static final String JURISDICTION_AUDIENCE = "JURISDICTION";
    static final String DOJ_AUDIENCE = "DOJ";

    private final TransactionOperations<Connection> tx;
    private final DueReminders reminders;
    private final Recipients recipients;
    private final DigestStore digests;
    private final DeliveryRows rows;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    FanOut(TransactionOperations<Connection> tx, DueReminders reminders, Recipients recipients, DigestStore digests, DeliveryRows rows,
           NotificationsConfig config, AuditTrail audit, Clock clock) {
        this.tx = tx;
        this.reminders = reminders;
        this.recipients = recipients;
        this.digests = digests;
        this.rows = rows;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /** Fans out every due reminder, batch by batch; answers how many reminders were handled (gone out or stopped). */
    public int run() {
        int total = 0;
        Recipients.Known known = new Recipients.Known();
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

    private int batch(Recipients.Known known) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<DueReminder> due = reminders.claim(c, now, config.getBatchSize());
            List<DueReminder.Stop> stops = new ArrayList<>();
            List<DueReminder> live = new ArrayList<>();
            for (DueReminder d : due) {
                d.stop(now).ifPresentOrElse(stops::add, () -> live.add(d));
            }
            reminders.stop(c, stops, now);
            if (!live.isEmpty()) {
                fanOut(c, live, now, known);
            }
            return due.size();
        });
    }

    /** An email of one reminder to one address. */
    private record Mail(DueReminder due, String email, Recipients.Addressees to) {
    }

    private void fanOut(Connection c, List<DueReminder> live, Instant now, Recipients.Known known) throws SQLException {
        Recipients.Audience audience = recipients.resolve(live, known);
        reminders.nameJurisdictions(c, audience.names());

        Map<DigestGrouping.Key, List<Mail>> byDigest = new TreeMap<>();
        Map<DigestGrouping.Key, ZoneId> zones = new HashMap<>();   // the zone of each digest's first reminder
        List<DeliveryRows.Row> deliveries = new ArrayList<>();
        List<DeliveryRows.Notice> notices = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        for (DueReminder d : live) {
            Recipients.Addressees to = audience.of(d);
            for (String email : to.emails()) {
                DigestGrouping.Key key = new DigestGrouping.Key(email, d.sendingDay(now));
                byDigest.computeIfAbsent(key, k -> new ArrayList<>()).add(new Mail(d, email, to));
                zones.putIfAbsent(key, d.zone());
            }
            String jurisdiction = audience.names().get(d.jurisdictionId());
            String subject = subject(d, jurisdiction);
            String body = body(d, jurisdiction);
            notices.add(new DeliveryRows.Notice(d, JURISDICTION_AUDIENCE, subject, body, to.kind()));
            if (d.escalate()) {
                notices.add(new DeliveryRows.Notice(d, DOJ_AUDIENCE, "Escalation: " + subject, body, to.kind()));
            }
            to.webhooks().forEach(h -> deliveries.add(DeliveryRows.Row.of(d, h.toString(), Channel.WEBHOOK, null, to.kind())));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("offsetDays", d.offset());
            after.put("kind", to.kind().name());
            after.put("emails", to.emails().size());
            if (to.declined() > 0) {
                after.put("declinedByRecipients", to.declined());
            }
            after.put("escalate", d.escalate());
            changes.add(new AuditTrail.Change("reminder.due", "reminder", d.id(), null, after));
        }
        Map<String, Integer> hours = audience.digestHours();
        Map<DigestGrouping.Key, UUID> joined = DigestGrouping.assign(byDigest.keySet(),
                (original, tried) -> DigestHour.sendAt(tried.day(), hours.get(tried.recipient()), zones.get(original), now),
                digests.on(c, now));
        byDigest.forEach((key, mails) -> mails.forEach(m ->
                deliveries.add(DeliveryRows.Row.of(m.due(), m.email(), Channel.EMAIL, joined.get(key), m.to().kind()))));
        rows.deliveries(c, deliveries, now);
        rows.notices(c, notices, now);
        reminders.fannedOut(c, live, now);
        audit.recordAll(changes);
    }

    static String subject(DueReminder d, String jurisdiction) {
        String what = d.conditionTitle() == null ? "Certification" : d.conditionTitle();
        return "Certification " + ReminderSchedule.describe(d.offset()) + ": " + what
                + (jurisdiction == null ? "" : " — " + jurisdiction);
    }

    private static String body(DueReminder d, String jurisdiction) {
        return (d.escalate() ? "Not certified yet: " : "Please certify: ") + (d.conditionTitle() == null ? "a certification" : d.conditionTitle())
                + (d.awardNumber() == null ? "" : " (award " + d.awardNumber() + ")")
                + (jurisdiction == null ? "" : " for " + jurisdiction) + ", deadline "
                + DigestEmail.local(d.deadline(), d.timeZone()) + ".";
    }
}
