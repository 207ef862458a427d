package org.grantline.jurisdiction.policy;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.input.InDateRange;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A jurisdiction's cooperation policy: its history, the version in force on a date, a new version. */
@Controller("/api/jurisdictions/{id}/policies")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Policies")
public class PolicyController {

    private final PolicyService service;

    public PolicyController(PolicyService service) {
        this.service = service;
    }

    @Post
    @Operation(summary = "Records a new version of the jurisdiction's cooperation policy")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<PolicyView> record(UUID id, @Body @Valid PolicyCommand command, Authentication caller) {
        PolicyView recorded = service.record(id, command, Caller.of(caller));
        return HttpResponse.created(recorded, URI.create("/api/jurisdictions/" + id + "/policies"));
    }

    @Get
    @Operation(summary = "Every version of the policy, oldest first")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<PolicyView> history(UUID id) {
        return service.history(id);
    }

    /** The policy in force on {@code asOf} (default today). */
    @Get("/in-force")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public PolicyView inForce(UUID id, @Nullable @QueryValue @InDateRange @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate asOf) {
        return service.inForce(id, asOf == null ? LocalDate.now() : asOf);
    }
}
