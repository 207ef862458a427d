package org.grantline.jurisdiction.contact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/api/jurisdictions")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Contacts")
public class ContactController {

    private final ContactService service;

    public ContactController(ContactService service) {
        this.service = service;
    }

    @Get("/contacts")
    @Operation(summary = "Contacts across jurisdictions, filtered by jurisdiction and role")
    @ProblemResponses.BadRequest
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ContactView.Page search(@Nullable @QueryValue UUID jurisdictionId, @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") ContactRole role,
                                   @QueryValue(defaultValue = "0") @Min(0) int page,
                                   @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size,
                                   Authentication caller) {
        return service.search(jurisdictionId, role, page, size, Caller.of(caller));
    }

    @Get("/{id}/contacts")
    @Operation(summary = "A jurisdiction's contacts")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ContactView> list(UUID id, Authentication caller) {
        return service.list(id, Caller.of(caller));
    }

    @Post("/{id}/contacts")
    @Operation(summary = "Adds a contact to a jurisdiction")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<ContactView> add(UUID id, @Body @Valid ContactCommand command, Authentication caller) {
        ContactView added = service.add(id, command, Caller.of(caller));
        return HttpResponse.created(added, URI.create("/api/jurisdictions/" + id + "/contacts/" + added.id()));
    }

    @Put("/{id}/contacts/{contactId}")
    @Operation(summary = "Replaces a contact (optionally from the version read)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public ContactView replace(UUID id, UUID contactId, @Body @Valid ContactCommand command, Authentication caller) {
        return service.replace(id, contactId, command, Caller.of(caller));
    }

    @Delete("/{id}/contacts/{contactId}")
    @Operation(summary = "Removes a contact")
    @NoContent
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    @Status(HttpStatus.NO_CONTENT)
    public void remove(UUID id, UUID contactId, Authentication caller) {
        service.remove(id, contactId, Caller.of(caller));
    }
}
