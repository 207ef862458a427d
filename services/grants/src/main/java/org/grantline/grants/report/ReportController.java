package org.grantline.grants.report;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.grants.report.ReportSchedules.ReportView;
import org.grantline.grants.report.ReportSchedules.ScheduleCommand;
import org.grantline.grants.report.ReportSchedules.ScheduleView;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.List;
import java.util.UUID;

/** Periodic reports: a condition's schedule (DOJ sets it) and the reports an award owes, period by period. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Periodic reports")
public class ReportController {
    private final ReportSchedules reports;

    public ReportController(ReportSchedules reports) {
        this.reports = reports;
    }

    @Get("/programs/{programId}/conditions/{conditionId}/report-schedule")
    @Operation(summary = "How often a condition's report recurs, when it is due and when missing it withholds funds")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ScheduleView schedule(UUID programId, UUID conditionId) {
        return reports.get(programId, conditionId);
    }

    @Put("/programs/{programId}/conditions/{conditionId}/report-schedule")
    @Operation(summary = "Makes a condition's report recur (or changes how): every award that carries it owes one per period")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public ScheduleView setSchedule(UUID programId, UUID conditionId, @Body @Valid ScheduleCommand command, Authentication caller) {
        return reports.set(programId, conditionId, command, Caller.of(caller));
    }

    @Get("/awards/{id}/reports")
    @Operation(summary = "The periodic reports an award owes, one per period, with their status and any withholding")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ReportView> ofAward(UUID id, Authentication caller) {
        return reports.ofAward(id, Caller.of(caller));
    }
}
