package org.grantline.grants.condition;

import org.grantline.grants.api.ConditionOperations;
import org.grantline.grants.api.ConditionView;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.Idempotent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The catalogue of conditions of a program, per fiscal year. */
@Controller(ConditionOperations.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Conditions")
public class ConditionController implements ConditionOperations {

    private final ConditionService service;

    public ConditionController(ConditionService service) {
        this.service = service;
    }

    @Get(CONDITIONS)
    @Operation(summary = "The program's conditions, optionally for one fiscal year")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Override
    public List<ConditionView> list(UUID programId, @Nullable @QueryValue @Min(2000) @Max(2100) Integer fiscalYear) {
        return service.list(programId, fiscalYear);
    }

    @Get(CONDITIONS + "/{conditionId}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One condition")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ConditionView get(UUID programId, UUID conditionId) {
        return service.get(programId, conditionId);
    }

    @Post(CONDITIONS)
    @Idempotent
    @Operation(summary = "Adds a condition to the program")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<ConditionView> add(UUID programId, @Body @Valid ConditionCommand command) {
        ConditionView added = service.add(programId, command);
        return HttpResponse.created(added, URI.create("/api/programs/" + programId + "/conditions/" + added.id()));
    }

    @Put(CONDITIONS + "/{conditionId}")
    @Operation(summary = "Replaces a condition")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public ConditionView replace(UUID programId, UUID conditionId, @Body @Valid ConditionCommand command) {
        return service.replace(programId, conditionId, command);
    }
}
