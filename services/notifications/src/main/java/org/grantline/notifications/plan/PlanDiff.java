package org.grantline.notifications.plan;

import org.grantline.grants.api.FeedItem;
import io.micronaut.core.annotation.Nullable;
import org.grantline.shared.audit.AuditTrail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What planning changes for a page of the feed, worked out without the database, the clock or grants:
 * from the requirements as the feed reads now and the reminders already planned for them, which
 * reminders to make, which cancelled ones are wanted back, which to cancel, which unsent deliveries to
 * stop, and the audit record of it. Reminders are unique per (requirement, deadline, offset).
 */
public final class PlanDiff {
    /** A reason a requirement's reminders stop while it still owes: its deadline moved. */
    static final String DEADLINE_CHANGED = "deadline changed";

    private PlanDiff() {
    }

    /** Offsets and send time per program; a requirement whose program is unknown, or has none of its own, gets the defaults. */
    public record Settings(Map<UUID, ReminderSchedule.Settings> byProgram, ReminderSchedule.Settings defaults) {
        public ReminderSchedule.Settings of(@Nullable UUID programId) {
            return programId == null ? defaults : byProgram.getOrDefault(programId, defaults);
        }
    }

    /** A reminder to insert (its id is the writer's). */
    public record NewReminder(UUID requirementId, UUID jurisdictionId, Instant deadline, ReminderSchedule.Planned planned) {
    }

    public record Cancellation(UUID reminderId, String reason) {
    }

    /**
     * Deliveries of the requirement not sent yet stop: all of them when the requirement stops
     * ({@code otherDeadlinesOnly} false), only those of another deadline than {@code deadline} when it moved.
     */
    public record DeliveryStop(UUID requirementId, Instant deadline, boolean otherDeadlinesOnly, String reason) {
    }

    /** One requirement's change, as audited: the offsets planned (new or back) and stopped. */
    public record RequirementChange(UUID requirementId, Instant deadline, String status, boolean enjoined, List<Integer> planned,
                                    List<Integer> stopped, String reason) {
        String action() {
            return stopped.isEmpty() ? "reminders.planned" : planned.isEmpty() ? "reminders.stopped" : "reminders.replanned";
        }

        Map<String, Object> audited() {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("requirement", requirementId.toString());
            after.put("deadline", deadline.toString());
            after.put("status", status);
            after.put("enjoined", enjoined);
            after.put("planned", planned);
            after.put("stopped", stopped);
            if (!stopped.isEmpty()) {
                after.put("reason", reason);
            }
            return after;
        }
    }

    public record Plan(List<NewReminder> inserts, List<UUID> reopened, List<Cancellation> cancelled,
                       List<DeliveryStop> deliveryStops, List<RequirementChange> changes) {
        /** Reminders planned: new ones and cancelled ones wanted back. */
        public int planned() {
            return inserts.size() + reopened.size();
        }

        /**
         * One audit event per kind of change: a requirement changed alone is recorded on its own (entity
         * {@code requirement}), many at once (a page of the feed) in one event that lists each of them.
         */
        public List<AuditTrail.Change> auditChanges() {
            Map<String, List<Map<String, Object>>> byAction = new LinkedHashMap<>();
            changes.forEach(c -> byAction.computeIfAbsent(c.action(), k -> new ArrayList<>()).add(c.audited()));
            List<AuditTrail.Change> events = new ArrayList<>();
            byAction.forEach((action, each) -> {
                if (each.size() == 1) {
                    Map<String, Object> after = new LinkedHashMap<>(each.get(0));
                    Object requirement = after.remove("requirement");
                    events.add(new AuditTrail.Change(action, "requirement", requirement, null, after));
                } else {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("count", each.size());
                    after.put("requirements", each);
                    events.add(new AuditTrail.Change(action, "requirements", null, null, after));
                }
            });
            return events;
        }
    }

    /**
     * The items not read before the reading already applied ({@code applied}: each tracked requirement's
     * {@code source_updated_at}): planning from an older one would undo a newer plan. Items or applied
     * readings without a time are never older.
     */
    public static List<FeedItem> newerThanApplied(Collection<FeedItem> items, Map<UUID, Instant> applied) {
        return items.stream().filter(i -> i.updatedAt() == null || applied.get(i.id()) == null
                || !i.updatedAt().isBefore(applied.get(i.id()))).toList();
    }

    /** Whether reminders apply to the requirement now: it is owed, not enjoined by a court, and its award runs. */
    static boolean remindersApply(FeedItem item) {
        return item.status().awaitsJurisdiction() && !item.enjoined() && !item.awardEnded();
    }

    /** Why the requirement's reminders stop (or, while they apply, why those of an old deadline do). */
    static String stopReason(FeedItem item) {
        if (remindersApply(item)) {
            return DEADLINE_CHANGED;
        }
        return item.enjoined() ? "court order" : item.awardEnded() ? "award ended" : item.status().name().toLowerCase();
    }

    /**
     * The plan for {@code items} given the reminders they have ({@code reminders}, by requirement) at {@code now}.
     * A wanted reminder due more than {@code catchUp} ago is neither made nor brought back: a requirement first
     * seen late gets the reminders of the last {@code catchUp}, not a backlog.
     */
    public static Plan plan(Collection<FeedItem> items, Map<UUID, RequirementNames> names,
                            Map<UUID, List<TrackedReminder>> reminders, Settings settings, Duration catchUp, Instant now) {
        List<NewReminder> inserts = new ArrayList<>();
        List<UUID> reopened = new ArrayList<>();
        List<Cancellation> cancelled = new ArrayList<>();
        List<DeliveryStop> deliveryStops = new ArrayList<>();
        List<RequirementChange> changes = new ArrayList<>();
        Instant earliest = now.minus(catchUp);
        for (FeedItem item : items) {
            boolean active = remindersApply(item);
            String reason = stopReason(item);
            RequirementNames n = names.getOrDefault(item.id(), RequirementNames.NONE);
            List<ReminderSchedule.Planned> desired = active
                    ? ReminderSchedule.plan(item.deadline(), item.deadlineLocalDate(), ZoneId.of(item.timeZone()), settings.of(n.programId()))
                    : List.of();
            List<TrackedReminder> rows = reminders.getOrDefault(item.id(), List.of());
            Set<Integer> desiredOffsets = desired.stream().map(ReminderSchedule.Planned::offsetDays).collect(Collectors.toSet());
            List<Integer> added = new ArrayList<>();
            List<Integer> stopped = new ArrayList<>();
            for (TrackedReminder row : rows) {
                boolean wanted = row.deadline().equals(item.deadline()) && desiredOffsets.contains(row.offsetDays());
                if (!wanted && row.status() == ReminderStatus.PLANNED) {
                    cancelled.add(new Cancellation(row.id(), reason));
                    stopped.add(row.offsetDays());
                }
            }
            if (!active || rows.stream().anyMatch(r -> !r.deadline().equals(item.deadline()))) {
                deliveryStops.add(new DeliveryStop(item.id(), item.deadline(), active, reason));
            }
            for (ReminderSchedule.Planned p : desired) {
                if (p.dueAt().isBefore(earliest)) {
                    continue;
                }
                TrackedReminder row = rows.stream().filter(r -> r.deadline().equals(item.deadline()) && r.offsetDays() == p.offsetDays())
                        .findFirst().orElse(null);
                if (row == null) {
                    inserts.add(new NewReminder(item.id(), item.jurisdictionId(), item.deadline(), p));
                    added.add(p.offsetDays());
                } else if (row.status() == ReminderStatus.CANCELLED) {
                    reopened.add(row.id());
                    added.add(p.offsetDays());
                }
            }
            if (!added.isEmpty() || !stopped.isEmpty()) {
                changes.add(new RequirementChange(item.id(), item.deadline(), item.status().name(), item.enjoined(), added, stopped, reason));
            }
        }
        return new Plan(inserts, reopened, cancelled, deliveryStops, changes);
    }
}
