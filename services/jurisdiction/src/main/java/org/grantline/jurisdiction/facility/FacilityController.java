package org.grantline.jurisdiction.facility;

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
public class FacilityController {

    private final FacilityService service;

    public FacilityController(FacilityService service) {
        this.service = service;
    }

    @Post("/facilities")
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<FacilityView> create(@Body @Valid FacilityCommand command) {
        FacilityView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/jurisdictions/facilities/" + created.id()));
    }

    @Get("/facilities/{facilityId}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public FacilityView get(UUID facilityId) {
        return service.get(facilityId);
    }

    @Put("/facilities/{facilityId}")
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public FacilityView update(UUID facilityId, @Body @Valid FacilityCommand command) {
        return service.update(facilityId, command);
    }

    /** The facilities this jurisdiction's police book into, with who operates each. */
    @Get("/{id}/facilities")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<FacilityView> bookedBy(UUID id) {
        return service.bookedBy(id);
    }

    @Get("/{id}/facilities/operated")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<FacilityView> operatedBy(UUID id) {
        return service.operatedBy(id);
    }

    @Put("/{id}/bookings/{facilityId}")
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @Status(HttpStatus.NO_CONTENT)
    public void book(UUID id, UUID facilityId) {
        service.book(id, facilityId);
    }

    @Delete("/{id}/bookings/{facilityId}")
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @Status(HttpStatus.NO_CONTENT)
    public void unbook(UUID id, UUID facilityId) {
        service.unbook(id, facilityId);
    }
}
