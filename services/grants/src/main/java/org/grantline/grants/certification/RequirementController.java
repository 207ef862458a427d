package org.grantline.grants.certification;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Controller("/api/certifications/requirements")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Requirements")
public class RequirementController {

    private final RequirementService service;

    public RequirementController(RequirementService service) {
        this.service = service;
    }

    @Serdeable
    public record ExtensionView(UUID id, Instant previousDeadline, Instant newDeadline, String reason, String extendedBy,
                                Instant extendedAt) {
    }

    /** Requirements by award, jurisdiction, program, fiscal year, state, status and deadline range, earliest deadline first. */
    @Get
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public RequirementService.RequirementPage search(@Valid @RequestBean RequirementSearch search, Authentication caller) {
        return service.search(search, Caller.of(caller));
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One certification requirement")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public RequirementView get(UUID id, Authentication caller) {
        return service.get(id, Caller.of(caller));
    }

    @Post("/{id}/extensions")
    @Idempotent
    @Operation(summary = "Grants an extension of the requirement's deadline")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<RequirementView> extend(UUID id, @Body @Valid ExtensionCommand command, Authentication caller) {
        return HttpResponse.created(service.extend(id, command, Caller.of(caller)), URI.create("/api/requirements/" + id + "/extensions"));
    }

    @Serdeable
    public record WaiverCommand(@NotBlank @Size(max = 1000) String reason) {
    }

    @Post("/{id}/waiver")
    @Idempotent
    @Operation(summary = "Waives the requirement, with a reason")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public RequirementView waive(UUID id, @Body @Valid WaiverCommand command, Authentication caller) {
        return service.waive(id, command.reason(), Caller.of(caller));
    }

    @Get("/{id}/extensions")
    @ProblemResponses.BadRequest
    @Operation(summary = "The requirement's extensions, oldest first")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ExtensionView> extensions(UUID id, Authentication caller) {
        return service.extensions(id, Caller.of(caller)).stream()
                .map(e -> new ExtensionView(e.id(), e.previousDeadline(), e.newDeadline(), e.reason(), e.extendedBy(), e.extendedAt()))
                .toList();
    }
}
