package org.grantline.grants.bulk;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import org.grantline.grants.bulk.BulkMessages.BulkCommand;
import org.grantline.grants.bulk.BulkMessages.CountView;
import org.grantline.grants.bulk.BulkMessages.JobView;
import org.grantline.grants.bulk.BulkMessages.RequirementFilter;
import org.grantline.grants.certification.RequirementSearch;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.grants.conversation.ConversationController;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.util.UUID;

/** Bulk actions on the deadline list: DOJ officers and admins act; auditors count, export and read jobs. */
@Controller("/api/bulk")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Bulk actions")
public class BulkController {

    private final BulkService service;

    public BulkController(BulkService service) {
        this.service = service;
    }

    /** How many items an action on this filter would touch: the count the user confirms. */
    @Get("/requirements/count")
    @io.swagger.v3.oas.annotations.Operation(summary = "How many requirements a filter matches (the count a bulk action confirms)")
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public CountView count(@Valid @RequestBean RequirementSearch search, Authentication caller) {
        return new CountView(service.matching(filter(search), Caller.of(caller)).size());
    }

    private static RequirementFilter filter(RequirementSearch search) {
        return new RequirementFilter(search.awardId(), search.jurisdictionId(), search.programId(),
                search.fiscalYear(), search.state(), search.status(), search.dueFrom(), search.dueTo());
    }

    @Post("/requirements")
    @Idempotent
    @ProblemResponses.BadRequest
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @io.swagger.v3.oas.annotations.Operation(summary = "Extend, waive or send a reminder now to every requirement a filter matches (confirmed by its count)")
    public JobView run(@Body @Valid BulkCommand command, Authentication caller) {
        return service.run(command, Caller.of(caller), ConversationController.authorName(caller));
    }

    @Get("/jobs/{id}")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    @io.swagger.v3.oas.annotations.Operation(summary = "One bulk job: what it changed and what it refused")
    public JobView job(UUID id) {
        return service.job(id);
    }

    /** Every matching row (not only a page) as CSV, with the same filters as the deadline list. */
    @Get("/requirements/csv")
    @io.swagger.v3.oas.annotations.Operation(summary = "Every requirement a filter matches, as a CSV download")
    @ProblemResponses.BadRequest
    @ProblemResponses.ServiceUnavailable
    @ApiResponse(responseCode = "200", description = "RFC 4180 CSV with a header row, one line per matching requirement",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Content-Disposition", required = true,
                    schema = @Schema(type = "string", example = "attachment; filename=\"deadlines.csv\"")),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<String> csv(@Valid @RequestBean RequirementSearch search, Authentication caller) {
        return HttpResponse.ok(service.csv(filter(search), Caller.of(caller)))
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"deadlines.csv\"");
    }
}
