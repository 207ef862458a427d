package org.grantline.grants.program;

import org.grantline.grants.api.ProgramOperations;
import org.grantline.grants.api.ProgramView;

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
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Grant programs (Byrne JAG, PSP, COPS Hiring, SCAAP, …) and their solicitations. DOJ officers and admins write. */
@Controller(ProgramOperations.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Programs")
public class ProgramController implements ProgramOperations {

    private final ProgramService service;

    public ProgramController(ProgramService service) {
        this.service = service;
    }

    @Get
    @Operation(summary = "Every grant program")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ProgramView> list() {
        return service.list();
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One program")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Override
    public ProgramView get(UUID id) {
        return service.get(id);
    }

    @Post
    @Idempotent
    @Operation(summary = "Creates a program")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<ProgramView> create(@Body @Valid ProgramCommand command) {
        ProgramView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/programs/" + created.id()));
    }

    @Put("/{id}")
    @Operation(summary = "Replaces a program")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public ProgramView update(UUID id, @Body @Valid ProgramCommand command) {
        return service.update(id, command);
    }

    @Get("/{id}/solicitations")
    @ProblemResponses.BadRequest
    @Operation(summary = "The program's solicitations")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<SolicitationView> solicitations(UUID id) {
        return service.solicitations(id);
    }

    @Post("/{id}/solicitations")
    @Idempotent
    @Operation(summary = "Adds a solicitation to the program")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<SolicitationView> addSolicitation(UUID id, @Body @Valid SolicitationCommand command) {
        return HttpResponse.created(service.addSolicitation(id, command), URI.create("/api/programs/" + id + "/solicitations"));
    }
}
