package org.grantline.notifications.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.notifications.delivery.Channel;
import org.grantline.notifications.delivery.DeliveryStatus;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What operators read of reminders and deliveries, and the retry of a dead delivery. */
@Singleton
public class ReminderQueries {
    private final DeliveryViewRepository deliveries;
    private final PlannedReminderRepository reminders;
    private final TransactionOperations<Connection> tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ReminderQueries(DeliveryViewRepository deliveries, PlannedReminderRepository reminders, TransactionOperations<Connection> tx,
                           AuditTrail audit, Clock clock) {
        this.deliveries = deliveries;
        this.reminders = reminders;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public record Filter(UUID jurisdictionId, UUID requirementId, DeliveryStatus status, Channel channel, Instant from, Instant to,
                         String recipient) {
        public Filter(UUID jurisdictionId, UUID requirementId, DeliveryStatus status, Channel channel, Instant from, Instant to) {
            this(jurisdictionId, requirementId, status, channel, from, to, null);
        }
    }

    /** A delivery as the API shows it (read from {@code delivery}). */
    @Serdeable
    @MappedEntity("delivery")
    public record Delivery(@Id UUID id, UUID requirementId, UUID jurisdictionId, @MappedProperty("deadline_at") Instant deadline,
                           int offsetDays, String recipient, String channel, String status, int attempts, Instant dueAt,
                           Instant nextAttemptAt, @Nullable Instant sentAt, @Nullable String lastError, @Nullable UUID digestId) {
    }

    @Serdeable
    public record Page(List<Delivery> items, int page, int size, long total) {
    }

    /** A planned reminder as the API shows it (read from {@code reminder}). */
    @Serdeable
    @MappedEntity("reminder")
    public record Planned(@Id UUID id, UUID requirementId, UUID jurisdictionId, @MappedProperty("deadline_at") Instant deadline,
                          int offsetDays, String kind, boolean escalate, Instant dueAt, LocalDate localDate, String status,
                          @Nullable String reason) {
    }

    public Page deliveries(Filter f, int page, int size) {
        return tx.executeRead(status -> {
            long total = deliveries.countFiltered(f.jurisdictionId(), f.requirementId(), f.status(), f.channel(), f.recipient(), f.from(),
                    f.to());
            List<Delivery> items = deliveries.filtered(f.jurisdictionId(), f.requirementId(), f.status(), f.channel(), f.recipient(),
                    f.from(), f.to(), size, (long) page * size);
            return new Page(items, page, size, total);
        });
    }

    /** Deliveries by status, every status named (0 where none). */
    public Map<String, Long> counts(Filter f) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            counts.put(s.name(), 0L);
        }
        deliveries.countByStatus(f.jurisdictionId(), f.requirementId(), f.status(), f.channel(), f.recipient(), f.from(), f.to())
                .forEach(c -> counts.put(c.status(), c.count()));
        return counts;
    }

    public List<Planned> schedule(UUID requirementId, UUID jurisdictionId) {
        if (requirementId == null && jurisdictionId == null) {
            throw Problems.invalid("requirementId", "name a requirement or a jurisdiction");
        }
        return requirementId != null ? reminders.ofRequirement(requirementId) : reminders.ofJurisdiction(jurisdictionId);
    }

    /** A dead delivery goes back to pending (an email: its whole digest), attempts from zero. */
    public Delivery retry(UUID id) {
        Instant now = clock.instant();
        return tx.executeWrite(status -> {
            Delivery before = find(id);
            if (DeliveryStatus.valueOf(before.status()) != DeliveryStatus.DEAD) {
                throw Problems.conflict("not-dead", "Only a dead delivery can be retried; this one is " + before.status());
            }
            if (before.digestId() != null) {
                deliveries.retryDigest(before.digestId(), DeliveryStatus.DEAD, DeliveryStatus.PENDING, now);
            }
            deliveries.retry(id, before.digestId(), DeliveryStatus.DEAD, DeliveryStatus.PENDING, now);
            Delivery after = find(id);
            audit.record("delivery.retried", "delivery", id, Map.of("status", before.status(), "attempts", before.attempts()),
                    Map.of("status", after.status(), "attempts", after.attempts()));
            return after;
        });
    }

    private Delivery find(UUID id) {
        return deliveries.findById(id).orElseThrow(() -> Problems.notFound("No delivery " + id));
    }
}
