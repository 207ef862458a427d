package org.grantline.grants.court;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.grants.court.CourtOrderMessages.CourtOrderCommand;
import org.grantline.grants.court.CourtOrderMessages.CourtOrderView;
import org.grantline.grants.court.CourtOrderMessages.LiftCommand;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Court orders are public record: every authenticated role reads them; DOJ officers and admins record them. */
@Controller("/api/court-orders")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Court orders")
public class CourtOrderController {

    private final CourtOrderService service;

    public CourtOrderController(CourtOrderService service) {
        this.service = service;
    }

    @Post
    @Idempotent
    @Operation(summary = "Records a court order that suspends conditions")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<CourtOrderView> create(@Body @Valid CourtOrderCommand command) {
        CourtOrderView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/court-orders/" + created.id()));
    }

    @Get
    @Operation(summary = "Every court order")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<CourtOrderView> list() {
        return service.list();
    }

    @Get("/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "One court order")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public CourtOrderView get(UUID id) {
        return service.get(id);
    }

    /** A stay or reversal, from a date. */
    @Post("/{id}/lift")
    @Idempotent
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public CourtOrderView lift(UUID id, @Body @Valid LiftCommand command) {
        return service.lift(id, command.liftedOn(), command.reason());
    }
}
