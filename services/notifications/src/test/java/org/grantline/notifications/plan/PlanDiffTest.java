package org.grantline.notifications.plan;

import org.grantline.grants.api.FeedItem;
import org.grantline.shared.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The planning diff alone: feed items and planned reminders in, what to write out; no database, clock or grants. */
class PlanDiffTest {
    static final ZoneId NY = ZoneId.of("America/New_York");
    static final ReminderSchedule.Settings DEFAULTS = new ReminderSchedule.Settings(List.of(30, 14, 7, 3, 1, 0), List.of(1, 7),
            LocalTime.of(9, 0));
    static final PlanDiff.Settings SETTINGS = new PlanDiff.Settings(Map.of(), DEFAULTS);
    static final Duration CATCH_UP = Duration.ofHours(36);
    static final LocalDate DUE = LocalDate.of(2031, 8, 20);
    static final Instant LONG_BEFORE = Instant.parse("2031-06-01T12:00:00Z");

    final UUID requirement = UUID.randomUUID();
    final UUID jurisdiction = UUID.randomUUID();

    FeedItem item(String status, boolean enjoined, boolean awardEnded, LocalDate day) {
        return item(status, enjoined, awardEnded, day, null);
    }

    FeedItem item(String status, boolean enjoined, boolean awardEnded, LocalDate day, Instant updatedAt) {
        Instant deadline = ZonedDateTime.of(day, LocalTime.of(23, 59), NY).toInstant();
        return new FeedItem(requirement, UUID.randomUUID(), UUID.randomUUID(), jurisdiction, deadline, day,
                LocalTime.of(23, 59), NY.getId(), org.grantline.grants.api.RequirementStatus.valueOf(status), enjoined, List.of(), false, null, null, 1, null, null,
                null, updatedAt, awardEnded);
    }

    FeedItem open(LocalDate day) {
        return item("OPEN", false, false, day);
    }

    /** The reminders a requirement would have had planned for {@code day}, each in {@code status}. */
    List<TrackedReminder> planned(LocalDate day, ReminderStatus status) {
        FeedItem i = open(day);
        List<TrackedReminder> rows = new ArrayList<>();
        for (ReminderSchedule.Planned p : ReminderSchedule.plan(i.deadline(), day, NY, DEFAULTS)) {
            rows.add(new TrackedReminder(UUID.randomUUID(), requirement, i.deadline(), p.offsetDays(), status));
        }
        return rows;
    }

    PlanDiff.Plan plan(FeedItem item, List<TrackedReminder> existing, Instant now) {
        return PlanDiff.plan(List.of(item), Map.of(), Map.of(requirement, existing), SETTINGS, CATCH_UP, now);
    }

    static List<Integer> offsets(PlanDiff.Plan plan) {
        return plan.inserts().stream().map(r -> r.planned().offsetDays()).toList();
    }

    @Test
    void aNewRequirementGetsEveryReminderOfItsDeadline() {
        FeedItem item = open(DUE);
        PlanDiff.Plan plan = plan(item, List.of(), LONG_BEFORE);
        assertThat(offsets(plan)).containsExactly(30, 14, 7, 3, 1, 0, -1, -7);
        assertThat(plan.inserts()).allSatisfy(r -> assertThat(r).extracting(PlanDiff.NewReminder::requirementId,
                PlanDiff.NewReminder::jurisdictionId, PlanDiff.NewReminder::deadline).containsExactly(requirement, jurisdiction, item.deadline()));
        assertThat(plan.planned()).isEqualTo(8);
        assertThat(plan.cancelled()).isEmpty();
        assertThat(plan.deliveryStops()).as("nothing was sent for it yet").isEmpty();
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("reminders.planned");
            assertThat(c.planned()).containsExactly(30, 14, 7, 3, 1, 0, -1, -7);
        });
    }

    @Test
    void aRequirementPlannedAlreadyChangesNothing() {
        PlanDiff.Plan plan = plan(open(DUE), planned(DUE, ReminderStatus.PLANNED), LONG_BEFORE);
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.reopened()).isEmpty();
        assertThat(plan.cancelled()).isEmpty();
        assertThat(plan.deliveryStops()).isEmpty();
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.auditChanges()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"SUBMITTED, false, false, submitted", "ACCEPTED, false, false, accepted", "WAIVED, false, false, waived",
            "OPEN, true, false, court order", "REJECTED, true, false, court order", "OPEN, false, true, award ended"})
    void aSubmissionAcceptanceWaiverCourtOrderOrEndedAwardStopsEveryPlannedReminderAndUnsentDelivery(String status, boolean enjoined,
                                                                                                   boolean awardEnded, String reason) {
        List<TrackedReminder> existing = new ArrayList<>(planned(DUE, ReminderStatus.PLANNED));
        TrackedReminder sent = new TrackedReminder(UUID.randomUUID(), requirement, existing.get(0).deadline(), 45, ReminderStatus.FANNED_OUT);
        existing.add(sent);
        FeedItem item = item(status, enjoined, awardEnded, DUE);
        PlanDiff.Plan plan = plan(item, existing, LONG_BEFORE);

        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.cancelled()).hasSize(8).allSatisfy(c -> assertThat(c.reason()).isEqualTo(reason))
                .extracting(PlanDiff.Cancellation::reminderId).doesNotContain(sent.id());
        assertThat(plan.deliveryStops()).singleElement()
                .isEqualTo(new PlanDiff.DeliveryStop(requirement, item.deadline(), false, reason));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("reminders.stopped");
            assertThat(c.stopped()).containsExactly(30, 14, 7, 3, 1, 0, -1, -7);
            assertThat(c.reason()).isEqualTo(reason);
        });
    }

    @Test
    void aRejectedRequirementIsStillOwedAndKeepsItsReminders() {
        PlanDiff.Plan plan = plan(item("REJECTED", false, false, DUE), planned(DUE, ReminderStatus.PLANNED), LONG_BEFORE);
        assertThat(plan.cancelled()).isEmpty();
        assertThat(plan.deliveryStops()).isEmpty();
    }

    @Test
    void anExtendedDeadlineCancelsTheOldRemindersAndPlansTheNewOnes() {
        LocalDate extended = DUE.plusDays(30);
        List<TrackedReminder> old = planned(DUE, ReminderStatus.PLANNED);
        FeedItem item = open(extended);
        PlanDiff.Plan plan = plan(item, old, LONG_BEFORE);

        assertThat(plan.cancelled()).extracting(PlanDiff.Cancellation::reminderId)
                .containsExactlyInAnyOrderElementsOf(old.stream().map(TrackedReminder::id).toList());
        assertThat(plan.cancelled()).allSatisfy(c -> assertThat(c.reason()).isEqualTo("deadline changed"));
        assertThat(plan.inserts()).hasSize(8).allSatisfy(r -> assertThat(r.deadline()).isEqualTo(item.deadline()));
        assertThat(plan.deliveryStops()).as("only the old deadline's deliveries stop").singleElement()
                .isEqualTo(new PlanDiff.DeliveryStop(requirement, item.deadline(), true, "deadline changed"));
        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.action()).isEqualTo("reminders.replanned"));
    }

    @Test
    void anOrderLiftedPlansTheCancelledRemindersAgain() {
        List<TrackedReminder> cancelled = planned(DUE, ReminderStatus.CANCELLED);
        PlanDiff.Plan plan = plan(open(DUE), cancelled, LONG_BEFORE);
        assertThat(plan.reopened()).containsExactlyInAnyOrderElementsOf(cancelled.stream().map(TrackedReminder::id).toList());
        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.planned()).isEqualTo(8);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("reminders.planned");
            assertThat(c.planned()).hasSize(8);
        });
    }

    @Test
    void aRequirementFirstSeenLateGetsOnlyTheRemindersDueInTheLast36HoursAndAfter() {
        // 16:00 in New York the day before the deadline: the 1-day reminder (09:00 today) is 7 h old, the 3-day one 55 h.
        Instant now = Instant.parse("2031-08-19T20:00:00Z");
        PlanDiff.Plan plan = plan(open(DUE), List.of(), now);
        assertThat(offsets(plan)).containsExactly(1, 0, -1, -7);
        assertThat(plan.inserts()).allSatisfy(r -> assertThat(r.planned().dueAt()).isAfterOrEqualTo(now.minus(CATCH_UP)));

        // Nor are those brought back after a lifted order.
        PlanDiff.Plan lifted = plan(open(DUE), planned(DUE, ReminderStatus.CANCELLED), now);
        assertThat(lifted.reopened()).hasSize(4);
    }

    @Test
    void aProgramsOwnOffsetsApply() {
        UUID program = UUID.randomUUID();
        PlanDiff.Settings settings = new PlanDiff.Settings(Map.of(program,
                new ReminderSchedule.Settings(List.of(10), List.of(), LocalTime.of(8, 0))), DEFAULTS);
        PlanDiff.Plan plan = PlanDiff.plan(List.of(open(DUE)), Map.of(requirement, new RequirementNames(program, "A-1", "P", "C")),
                Map.of(), settings, CATCH_UP, LONG_BEFORE);
        assertThat(offsets(plan)).containsExactly(10);
        assertThat(plan.inserts().get(0).planned().dueAt()).isEqualTo(ZonedDateTime.of(DUE.minusDays(10), LocalTime.of(8, 0), NY).toInstant());
    }

    @Test
    void aReadingOlderThanTheOneAppliedIsSkipped() {
        Instant applied = Instant.parse("2031-08-01T10:00:00Z");
        FeedItem older = item("SUBMITTED", false, false, DUE, applied.minusSeconds(1));
        FeedItem same = item("SUBMITTED", false, false, DUE, applied);
        FeedItem newer = item("SUBMITTED", false, false, DUE, applied.plusSeconds(1));
        FeedItem undated = item("SUBMITTED", false, false, DUE, null);
        Map<UUID, Instant> appliedAt = Map.of(requirement, applied);
        assertThat(PlanDiff.newerThanApplied(List.of(older), appliedAt)).isEmpty();
        assertThat(PlanDiff.newerThanApplied(List.of(same), appliedAt)).containsExactly(same);
        assertThat(PlanDiff.newerThanApplied(List.of(newer), appliedAt)).containsExactly(newer);
        assertThat(PlanDiff.newerThanApplied(List.of(undated), appliedAt)).as("a feed that sends no time").containsExactly(undated);
        assertThat(PlanDiff.newerThanApplied(List.of(older), Map.of())).as("not tracked yet").containsExactly(older);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> after(AuditTrail.Change c) {
        return (Map<String, Object>) c.after();
    }

    @Test
    void oneRequirementChangedIsAuditedOnItsOwnAPageOfThemInOneEvent() {
        FeedItem item = open(DUE);
        List<AuditTrail.Change> alone = plan(item, List.of(), LONG_BEFORE).auditChanges();
        assertThat(alone).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("reminders.planned");
            assertThat(c.entityType()).isEqualTo("requirement");
            assertThat(c.entityId()).isEqualTo(requirement.toString());
            assertThat(after(c)).containsOnlyKeys("deadline", "status", "enjoined", "planned", "stopped")
                    .containsEntry("deadline", item.deadline().toString()).containsEntry("status", "OPEN");
        });

        FeedItem other = new FeedItem(UUID.randomUUID(), item.awardId(), item.conditionId(), jurisdiction,
                item.deadline(), DUE, item.deadlineLocalTime(), NY.getId(), org.grantline.grants.api.RequirementStatus.OPEN, false, List.of(),
                false, null, null, 1, null, null, null, null, false);
        List<AuditTrail.Change> page = PlanDiff.plan(List.of(item, other), Map.of(), Map.of(), SETTINGS, CATCH_UP, LONG_BEFORE)
                .auditChanges();
        assertThat(page).singleElement().satisfies(c -> {
            assertThat(c.entityType()).isEqualTo("requirements");
            assertThat(c.entityId()).isNull();
            assertThat(after(c)).containsEntry("count", 2);
            assertThat((List<?>) after(c).get("requirements")).hasSize(2);
        });
    }

    @Test
    void theFeedsStatusesAreNamedAsGrantsStoresThem() {
        assertThat(java.util.Arrays.stream(RequirementStatus.values()).map(Enum::name))
                .containsExactly("OPEN", "SUBMITTED", "ACCEPTED", "WAIVED", "REJECTED");
        assertThat(RequirementStatus.owed("OPEN")).isTrue();
        assertThat(RequirementStatus.owed("REJECTED")).isTrue();
        assertThat(RequirementStatus.owed("SUBMITTED")).isFalse();
        assertThat(RequirementStatus.owed("SOMETHING_NEW")).isFalse();
    }
}
