package org.grantline.jurisdiction.facility;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/api/jurisdictions")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Facilities")
public class FacilityController {

    private final FacilityService service;

    public FacilityController(FacilityService service) {
        this.service = service;
    }

    @Post("/facilities")
    @Operation(summary = "Creates a detention facility")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<FacilityView> create(@Body @Valid FacilityCommand command) {
        FacilityView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/jurisdictions/facilities/" + created.id()));
    }

    @Get("/facilities/{facilityId}")
    @Operation(summary = "One facility")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public FacilityView get(UUID facilityId) {
        return service.get(facilityId);
    }

    @Put("/facilities/{facilityId}")
    @Operation(summary = "Replaces a facility (optionally from the version read)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public FacilityView update(UUID facilityId, @Body @Valid FacilityCommand command) {
        return service.update(facilityId, command);
    }

    /** The facilities this jurisdiction's police book into, with who operates each. */
    @Get("/{id}/facilities")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<FacilityView> bookedBy(UUID id) {
        return service.bookedBy(id);
    }

    @Get("/{id}/facilities/operated")
    @Operation(summary = "The facilities this jurisdiction operates")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<FacilityView> operatedBy(UUID id) {
        return service.operatedBy(id);
    }

    @Put("/{id}/bookings/{facilityId}")
    @Operation(summary = "Records that this jurisdiction books into the facility")
    @NoContent
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @Status(HttpStatus.NO_CONTENT)
    public void book(UUID id, UUID facilityId) {
        service.book(id, facilityId);
    }

    @Delete("/{id}/bookings/{facilityId}")
    @Operation(summary = "Removes a booking")
    @NoContent
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @Status(HttpStatus.NO_CONTENT)
    public void unbook(UUID id, UUID facilityId) {
        service.unbook(id, facilityId);
    }
}
