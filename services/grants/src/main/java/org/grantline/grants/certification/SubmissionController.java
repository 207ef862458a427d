package org.grantline.grants.certification;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.grants.certification.SubmissionMessages.DecisionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionCommand;
import org.grantline.grants.certification.SubmissionMessages.SubmissionView;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/api/certifications")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Submissions")
public class SubmissionController {

    private final SubmissionService service;

    public SubmissionController(SubmissionService service) {
        this.service = service;
    }

    @Post("/requirements/{id}/submissions")
    @Idempotent
    @Operation(summary = "Signs and submits a certification for the requirement")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<SubmissionView> submit(UUID id, @Body @Valid SubmissionCommand command, Authentication caller,
                                               HttpRequest<?> request) {
        String forwardedFor = request.getHeaders().get("X-Forwarded-For");
        return HttpResponse.created(service.submit(id, command, Caller.of(caller),
                request.getRemoteAddress().getAddress().getHostAddress(),
                forwardedFor == null ? null : forwardedFor.substring(0, Math.min(200, forwardedFor.length()))),
                URI.create("/api/requirements/" + id + "/submissions"));
    }

    @Get("/requirements/{id}/submissions")
    @ProblemResponses.BadRequest
    @Operation(summary = "The requirement's submissions, newest first")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<SubmissionView> forRequirement(UUID id, Authentication caller) {
        return service.forRequirement(id, Caller.of(caller));
    }

    /** DOJ accepts a submission, or rejects it with a reason (the requirement opens again). */
    @Post("/submissions/{submissionId}/decision")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public SubmissionView decide(UUID submissionId, @Body @Valid DecisionCommand command, Authentication caller) {
        return service.decide(submissionId, command, Caller.of(caller));
    }
}
