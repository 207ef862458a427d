package org.grantline.grants.award;

import org.grantline.grants.api.AwardOperations;
import org.grantline.grants.api.AwardView;
import org.grantline.grants.api.AwardPage;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.grants.award.AwardMessages.AwardCreateCommand;
import org.grantline.grants.award.AwardMessages.DeadlineCommand;
import org.grantline.grants.award.AwardMessages.MoneyCommand;
import org.grantline.grants.award.AwardMessages.MoneyView;
import org.grantline.grants.award.AwardMessages.TransitionCommand;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller(AwardOperations.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Awards")
public class AwardController implements AwardOperations {

    private final AwardService service;
    private final SecurityService security;

    public AwardController(AwardService service, SecurityService security) {
        this.service = service;
        this.security = security;
    }

    @Post
    @Idempotent
    @Operation(summary = "Creates an award")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<AwardView> create(@Body @Valid AwardCreateCommand command) {
        AwardView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/awards/" + created.id()));
    }

    @Get
    @Operation(summary = "Awards the caller may see, filtered")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Override
    public AwardPage list(@Nullable @QueryValue UUID jurisdictionId,
                          @QueryValue(defaultValue = "0") @Min(0) int page,
                          @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        return service.list(jurisdictionId, page, size, caller());
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One award")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Override
    public AwardView get(UUID id) {
        return service.get(id, caller());
    }

    /** @Secured(IS_AUTHENTICATED) has let only an authenticated caller in. */
    private Caller caller() {
        return Caller.of(security.getAuthentication().orElseThrow());
    }

    /** Moves the award to another status: ACCEPTED or DECLINED by its own jurisdiction (or DOJ), the rest by DOJ. */
    @Post("/{id}/transitions")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public AwardView move(UUID id, @Body @Valid TransitionCommand command, Authentication caller) {
        return service.move(id, command.status(), command.reason(), Caller.of(caller));
    }

    @Post("/{id}/acceptance-deadline")
    @Idempotent
    @Operation(summary = "Moves the award's acceptance deadline")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public AwardView extendAcceptance(UUID id, @Body @Valid DeadlineCommand command) {
        return service.extendAcceptance(id, command.acceptanceDeadline(), command.reason());
    }

    @Get("/{id}/money")
    @ProblemResponses.BadRequest
    @Operation(summary = "The award's money movements (obligations, drawdowns, holds, clawbacks)")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<MoneyView> movements(UUID id, Authentication caller) {
        return service.movements(id, Caller.of(caller));
    }

    @Post("/{id}/money")
    @Idempotent
    @Operation(summary = "Records a money movement on the award")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<MoneyView> record(UUID id, @Body @Valid MoneyCommand command, Authentication caller) {
        return HttpResponse.created(service.record(id, command, Caller.of(caller)), URI.create("/api/awards/" + id + "/money"));
    }
}
