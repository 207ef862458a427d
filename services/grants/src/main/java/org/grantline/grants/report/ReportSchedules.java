package org.grantline.grants.report;

import org.grantline.grants.api.ConditionView;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.grantline.grants.award.AwardService;
import org.grantline.grants.certification.Requirement;
import org.grantline.grants.certification.RequirementRepository;
import org.grantline.grants.condition.ConditionService;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** DOJ sets a condition's report schedule; everyone who reads an award reads its reports. */
@Singleton
public class ReportSchedules {
    static final String ENTITY = "report-schedule";

    private final ReportScheduleRepository schedules;
    private final ReportPeriodRepository periods;
    private final RequirementRepository requirements;
    private final ConditionService conditions;
    private final AwardService awards;
    private final AuditTrail audit;

    public ReportSchedules(ReportScheduleRepository schedules, ReportPeriodRepository periods, RequirementRepository requirements,
                           ConditionService conditions, AwardService awards, AuditTrail audit) {
        this.schedules = schedules;
        this.periods = periods;
        this.requirements = requirements;
        this.conditions = conditions;
        this.awards = awards;
        this.audit = audit;
    }

    /** A report every {@code everyMonths} (1, 3, 6 or 12, aligned to the calendar year), due {@code dueDaysAfter} the period ends. */
    @Serdeable
    public record ScheduleCommand(@NotNull @Schema(allowableValues = {"1", "3", "6", "12"}) Integer everyMonths,
                                  @NotNull @Min(0) @Max(365) Integer dueDaysAfter,
                                  @NotNull @Min(0) @Max(365) @Schema(description = "days after the deadline at which a report still owed withholds the award's funds")
                                  Integer withholdAfterDays,
                                  @Nullable @Schema(description = DateRange.DATE + "; no period ending before it is asked for (default: today)",
                                          pattern = DateRange.DATE_PATTERN) LocalDate startsOn) {
    }

    @Serdeable
    public record ScheduleView(UUID conditionId, int everyMonths, int dueDaysAfter, int withholdAfterDays, LocalDate startsOn,
                               String updatedBy, Instant updatedAt) {
        static ScheduleView of(ReportSchedule s) {
            return new ScheduleView(s.conditionId(), s.everyMonths(), s.dueDaysAfter(), s.withholdAfterDays(), s.startsOn(),
                    s.updatedBy(), s.updatedAt());
        }
    }

    /** One period's report of an award: its requirement, status and whether missing it withheld the funds. */
    @Serdeable
    public record ReportView(UUID requirementId, UUID conditionId, LocalDate periodStart, LocalDate periodEnd, Instant deadline,
                             String status, @Nullable Instant withheldAt) {
    }

    public ScheduleView get(UUID programId, UUID conditionId) {
        conditions.get(programId, conditionId);
        return schedules.findById(conditionId).map(ScheduleView::of)
                .orElseThrow(() -> Problems.notFound("Condition " + conditionId + " has no report schedule"));
    }

    @Transactional
    public ScheduleView set(UUID programId, UUID conditionId, ScheduleCommand command, Caller caller) {
        ConditionView condition = conditions.get(programId, conditionId);
        if (12 % command.everyMonths() != 0) {
            throw Problems.invalid("everyMonths", "a report recurs every 1, 3, 6 or 12 months");
        }
        if (!condition.needsCertification()) {
            throw Problems.invalid("conditionId", "only a condition that someone signs can require a report");
        }
        LocalDate startsOn = command.startsOn() == null ? LocalDate.now() : command.startsOn();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var current = schedules.findById(conditionId);
        ReportSchedule saved = current.isPresent()
                ? schedules.update(new ReportSchedule(conditionId, command.everyMonths(), command.dueDaysAfter(),
                        command.withholdAfterDays(), startsOn, caller.subject(), now, current.get().version()))
                : schedules.save(new ReportSchedule(conditionId, command.everyMonths(), command.dueDaysAfter(),
                        command.withholdAfterDays(), startsOn, caller.subject(), now, null));
        ScheduleView view = ScheduleView.of(saved);
        audit.record("report-schedule.set", ENTITY, conditionId, current.map(ScheduleView::of).orElse(null), view);
        return view;
    }

    public List<ReportView> ofAward(UUID awardId, Caller caller) {
        awards.get(awardId, caller);   // 404 for another jurisdiction's award, as the award itself
        return periods.findByAwardIdOrderByPeriodStart(awardId).stream().map(p -> {
            Requirement r = requirements.findById(p.requirementId()).orElseThrow();
            return new ReportView(p.requirementId(), p.conditionId(), p.periodStart(), p.periodEnd(), r.deadlineAt(), r.status().name(),
                    p.withheldAt());
        }).toList();
    }
}
