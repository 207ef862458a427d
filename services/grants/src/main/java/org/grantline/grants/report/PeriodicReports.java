package org.grantline.grants.report;

import org.grantline.grants.api.AwardStatus;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.grants.award.Award;
import org.grantline.grants.award.AwardRepository;
import org.grantline.grants.award.AwardService;
import org.grantline.grants.certification.Deadlines;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.certification.RequirementService;
import org.grantline.grants.court.CourtOrderService;
import org.grantline.grants.court.Enjoinments;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.shared.db.ReplicaLocks;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reports that recur. Every minute (one replica at a time; the unique period row settles any race),
 * each running award that carries a scheduled condition gets the requirement of every period that has
 * begun since the schedule starts, due in the jurisdiction's local time like any certification, so it
 * is reminded and escalated like one. A report still owed {@code withholdAfterDays} after its deadline
 * and not enjoined withholds the award's funds once (ACTIVE → WITHHELD, audited as the system with the
 * reason); DOJ may release them again, waive the report or extend its deadline.
 */
@Singleton
public class PeriodicReports {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicReports.class);
    static final Caller SYSTEM = new Caller("system", List.of(Roles.ADMIN), Optional.empty());

    private final ReportScheduleRepository schedules;
    private final ReportPeriodRepository periods;
    private final RequirementRepository requirements;
    private final RequirementService requirementService;
    private final AwardRepository awards;
    private final AwardService awardService;
    private final CourtOrderService courtOrders;
    private final Jurisdictions jurisdictions;
    private final ReplicaLocks locks;
    private final TransactionOperations<Connection> transactions;

    public PeriodicReports(ReportScheduleRepository schedules, ReportPeriodRepository periods, RequirementRepository requirements,
                           RequirementService requirementService, AwardRepository awards, AwardService awardService,
                           CourtOrderService courtOrders, Jurisdictions jurisdictions,
                           ReplicaLocks locks, TransactionOperations<Connection> transactions) {
        this.schedules = schedules;
        this.periods = periods;
        this.requirements = requirements;
        this.requirementService = requirementService;
        this.awards = awards;
        this.awardService = awardService;
        this.courtOrders = courtOrders;
        this.jurisdictions = jurisdictions;
        this.locks = locks;
        this.transactions = transactions;
    }

    /** What one pass did. */
    public record Pass(int created, int withheld) {
    }

    @Scheduled(fixedDelay = "${grantline.reports.interval:1m}", initialDelay = "${grantline.reports.initial-delay:30s}")
    void onSchedule() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Periodic reports: this pass stopped, the next one tries again ({})", e.toString());
        }
    }

    /** One pass as of {@code now}: make the requirements of periods that have begun, then withhold for missed ones. */
    public Pass run(Instant now) {
        int[] counts = new int[2];
        locks.runIfFree("grants.periodic-reports", () -> {
            counts[0] = createDue(now);
            counts[1] = withholdMissed(now);
        });
        if (counts[0] + counts[1] > 0) {
            LOG.info("Periodic reports: {} requirements made, {} awards withheld", counts[0], counts[1]);
        }
        return new Pass(counts[0], counts[1]);
    }

    private int createDue(Instant now) {
        int created = 0;
        Map<UUID, JurisdictionView> places = new HashMap<>();
        for (ReportSchedule schedule : schedules.findAll()) {
            for (UUID awardId : periods.runningAwardsWith(schedule.conditionId())) {
                Award award = awards.findById(awardId).orElse(null);
                if (award == null) {
                    continue;
                }
                LocalDate from = award.awardDate().isAfter(schedule.startsOn()) ? award.awardDate() : schedule.startsOn();
                // The periods begun by now anywhere (no zone is ahead of UTC+14); the registry is asked for the
                // jurisdiction's zone only when one of them is still missing, not for every award every minute.
                LocalDate latestToday = now.atOffset(ZoneOffset.ofHours(14)).toLocalDate();
                JurisdictionView place = null;
                ZoneId zone = null;
                for (ReportPeriods.Period period : ReportPeriods.between(from, latestToday, schedule.everyMonths())) {
                    if (periods.existsByAwardIdAndConditionIdAndPeriodStart(awardId, schedule.conditionId(), period.start())) {
                        continue;
                    }
                    if (place == null) {
                        place = places.computeIfAbsent(award.jurisdictionId(), this::place);
                        zone = ZoneId.of(place.timeZone());
                    }
                    if (!period.start().isAfter(now.atZone(zone).toLocalDate()) && create(award, schedule, period, place, zone)) {
                        created++;
                    }
                }
            }
        }
        return created;
    }

    private boolean create(Award award, ReportSchedule schedule, ReportPeriods.Period period, JurisdictionView place, ZoneId zone) {
        try {
            return transactions.executeWrite(status -> {
                Requirement made = requirementService.createOne(award.id(), schedule.conditionId(), award.jurisdictionId(),
                        place.state(), zone, period.due(schedule.dueDaysAfter()), Deadlines.DEFAULT_TIME, period.start(),
                        courtOrders.enjoinments());
                periods.save(new ReportPeriod(made.id(), award.id(), schedule.conditionId(), period.start(), period.end(), null));
                return true;
            });
        } catch (DataAccessException e) {
            if (DatabaseConflicts.isUniqueViolation(e, "report_period_unique")
                    || DatabaseConflicts.isUniqueViolation(e, "requirement_period_unique")) {
                return false;   // another replica made it a moment ago
            }
            throw e;
        }
    }

    private int withholdMissed(Instant now) {
        int withheld = 0;
        Enjoinments enjoinments = courtOrders.enjoinments();
        Map<UUID, ReportSchedule> byCondition = new HashMap<>();
        for (ReportPeriod owed : periods.owedPastDeadline(now)) {
            ReportSchedule schedule = byCondition.computeIfAbsent(owed.conditionId(), c -> schedules.findById(c).orElse(null));
            Requirement r = requirements.findById(owed.requirementId()).orElse(null);
            if (schedule == null || r == null || !now.isAfter(r.deadlineAt().plus(Duration.ofDays(schedule.withholdAfterDays())))) {
                continue;
            }
            if (!enjoinments.enjoiningToday(r.conditionId(), r.jurisdictionId(), r.jurisdictionState(), r.timeZone()).isEmpty()) {
                continue;   // a court order stops the consequence as it stops the reminders
            }
            Award award = awards.findById(owed.awardId()).orElse(null);
            if (award == null || award.status() == AwardStatus.ACCEPTED) {
                continue;   // no funds flow before the award is active; looked at again once it is
            }
            boolean moved = transactions.executeWrite(status -> {
                if (periods.markWithheld(owed.requirementId(), now) == 0) {
                    return false;
                }
                if (award.status() != AwardStatus.ACTIVE) {
                    return false;   // already held, suspended or ending: nothing more to withhold
                }
                awardService.move(award.id(), AwardStatus.WITHHELD, "The report for " + owed.periodStart() + " to " + owed.periodEnd()
                        + " was due " + r.deadlineAt() + " and is " + schedule.withholdAfterDays() + " days overdue", SYSTEM);
                return true;
            });
            if (moved) {
                withheld++;
            }
        }
        return withheld;
    }

    private JurisdictionView place(UUID jurisdictionId) {
        try {
            return jurisdictions.require(jurisdictionId, "jurisdictionId");
        } catch (ProblemException e) {
            throw new IllegalStateException("jurisdiction " + jurisdictionId + " cannot be read: " + e.detail(), e);
        }
    }
}
