package org.grantline.grants.letters;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessage.Visibility;
import org.grantline.grants.conversation.ConversationService;
import org.grantline.notifications.api.MessageNoticeKind;
import org.grantline.shared.db.ReplicaLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reminders and escalation of demands, as a certification has them: at 09:00 in the recipient's own
 * time zone a week and a day before the deadline the jurisdiction is reminded; the morning after a
 * missed deadline it is told it is late and DOJ is told (an internal note on the thread, which the
 * jurisdiction never sees). Each is a message on the demand's thread written by GrantLine itself, so
 * the message outbox notifies the other side at once (inbox and email, with the recipients' notice
 * preferences) and the thread shows what was sent. Exactly once across replicas: the
 * {@code demand_reminder} row (primary key demand, deadline, kind) is inserted in the transaction
 * that posts the message, and only the transaction that inserted it posts. A reminder is not sent
 * for a time before the letter was sent, nor a "before" reminder once the deadline has passed; when
 * both "before" reminders are due (the service was down) only the later one goes. A demand answered,
 * accepted or closed gets none; one sent back for more (MORE_REQUESTED) is reminded again.
 */
@Singleton
@Requires(property = "grantline.demand-reminders.enabled", notEquals = "false")
public class DemandReminders {
    private static final Logger LOG = LoggerFactory.getLogger(DemandReminders.class);
    static final LocalTime SEND_AT = LocalTime.of(9, 0);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

    /** What is sent: two reminders before the deadline, and after it the late notice and DOJ's escalation. */
    enum Kind { WEEK_BEFORE, DAY_BEFORE, OVERDUE, ESCALATION }

    /** A reminder of a demand whose time has come; {@code send} false: recorded as skipped (a later one is sent). */
    record Due(Kind kind, Instant at, boolean send) {
    }

    private final DemandRepository demands;
    private final DemandLetterRepository letters;
    private final ConversationService conversations;
    private final TransactionOperations<Connection> tx;
    private final ReplicaLocks locks;

    public DemandReminders(DemandRepository demands, DemandLetterRepository letters, ConversationService conversations,
                           TransactionOperations<Connection> tx, ReplicaLocks locks) {
        this.demands = demands;
        this.letters = letters;
        this.conversations = conversations;
        this.tx = tx;
        this.locks = locks;
    }

    /** The reminders of this demand that are due as of {@code now} (sent or not yet: the table decides). */
    static List<Due> due(Demand d, Instant now) {
        List<Due> out = new ArrayList<>();
        if (!d.status().awaitsJurisdiction()) {
            return out;
        }
        ZoneId zone = ZoneId.of(d.timeZone());
        Instant week = d.deadlineDate().minusDays(7).atTime(SEND_AT).atZone(zone).toInstant();
        Instant day = d.deadlineDate().minusDays(1).atTime(SEND_AT).atZone(zone).toInstant();
        boolean beforeDeadline = now.isBefore(d.deadlineAt());
        boolean dayDue = beforeDeadline && !day.isAfter(now) && day.isAfter(d.createdAt());
        if (beforeDeadline && !week.isAfter(now) && week.isAfter(d.createdAt())) {
            out.add(new Due(Kind.WEEK_BEFORE, week, !dayDue));
        }
        if (dayDue) {
            out.add(new Due(Kind.DAY_BEFORE, day, true));
        }
        Instant late = d.deadlineDate().plusDays(1).atTime(SEND_AT).atZone(zone).toInstant();
        if (late.isBefore(d.deadlineAt())) {
            late = d.deadlineAt();
        }
        if (!beforeDeadline && !late.isAfter(now)) {
            out.add(new Due(Kind.OVERDUE, late, true));
            out.add(new Due(Kind.ESCALATION, late, true));
        }
        return out;
    }

    @Scheduled(fixedDelay = "${grantline.demand-reminders.interval:1m}", initialDelay = "${grantline.demand-reminders.initial-delay:40s}")
    void onSchedule() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Demand reminders: this pass stopped, the next one tries again ({})", e.toString());
        }
    }

    /** One pass as of {@code now}; answers how many reminders it posted. */
    public int run(Instant now) {
        int[] sent = {0};
        locks.runIfFree("grants.demand-reminders", () -> {
            // Deadlines from 60 days ago (a late notice not yet sent) to 8 days ahead (the week's reminder).
            for (Demand d : demands.findByStatusInAndDeadlineAtBetween(List.of(Demand.Status.AWAITING, Demand.Status.MORE_REQUESTED),
                    now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(8)))) {
                for (Due due : due(d, now)) {
                    if (record(d, due, now)) {
                        sent[0]++;
                    }
                }
            }
        });
        if (sent[0] > 0) {
            LOG.info("Demand reminders: {} posted", sent[0]);
        }
        return sent[0];
    }

    /** Inserts the reminder's row and, in the same transaction, posts it; false when another pass did already. */
    private boolean record(Demand d, Due due, Instant now) {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "INSERT INTO demand_reminder (demand_id, deadline_at, kind, status, created_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setObject(1, d.id());
                ps.setTimestamp(2, Timestamp.from(d.deadlineAt()));
                ps.setString(3, due.kind().name());
                ps.setString(4, due.send() ? "SENT" : "SKIPPED");
                ps.setTimestamp(5, Timestamp.from(now.truncatedTo(ChronoUnit.MICROS)));
                if (ps.executeUpdate() != 1 || !due.send()) {
                    return false;
                }
            }
            String subject = letters.findById(d.letterId()).map(DemandLetter::subject).orElse("Demand letter");
            String when = WHEN.format(d.deadlineAt().atZone(ZoneId.of(d.timeZone()))) + " (" + d.timeZone() + ")";
            UUID message = switch (due.kind()) {
                case WEEK_BEFORE, DAY_BEFORE -> conversations.postSystem(SubjectKind.DEMAND, d.id(), d.jurisdictionId(), subject,
                        Visibility.SHARED, true, MessageNoticeKind.REMINDER, "Reminder: DOJ's letter \"" + subject + "\" asks for your answer by " + when
                                + (due.kind() == Kind.DAY_BEFORE ? ", tomorrow." : ", in a week.")
                                + " Answer it on the letter's page in GrantLine.");
                case OVERDUE -> conversations.postSystem(SubjectKind.DEMAND, d.id(), d.jurisdictionId(), subject, Visibility.SHARED, true,
                        MessageNoticeKind.OVERDUE, "Your answer to DOJ's letter \"" + subject + "\" was due on " + when + " and is late. Answer it now.");
                case ESCALATION -> conversations.postSystem(SubjectKind.DEMAND, d.id(), d.jurisdictionId(), subject, Visibility.INTERNAL,
                        false, MessageNoticeKind.ESCALATION, d.jurisdictionName() + " has not answered the letter \"" + subject + "\" by its deadline, " + when + ".");
            };
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE demand_reminder SET message_id = ? WHERE demand_id = ? AND deadline_at = ? AND kind = ?")) {
                ps.setObject(1, message);
                ps.setObject(2, d.id());
                ps.setTimestamp(3, Timestamp.from(d.deadlineAt()));
                ps.setString(4, due.kind().name());
                ps.executeUpdate();
            }
            return true;
        });
    }
}
