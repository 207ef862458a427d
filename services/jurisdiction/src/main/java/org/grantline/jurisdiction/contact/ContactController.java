package org.grantline.jurisdiction.contact;

import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.api.ContactView;
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
import io.micronaut.security.utils.SecurityService;
import org.grantline.jurisdiction.api.ContactOperations;
import org.grantline.jurisdiction.api.JurisdictionOperations;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller(JurisdictionOperations.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Contacts")
/** A jurisdiction's contacts; the search other services call is jurisdiction-api's {@link ContactOperations}. */
public class ContactController implements ContactOperations {

    private final ContactService service;
    private final SecurityService security;

    public ContactController(ContactService service, SecurityService security) {
        this.service = service;
        this.security = security;
    }

    @Override
    @Operation(summary = "Contacts across jurisdictions, filtered by jurisdiction and role")
    @ProblemResponses.BadRequest
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ContactView.Page search(@Nullable UUID jurisdictionId, @Nullable ContactRole role, int page, int size) {
        // @Secured(IS_AUTHENTICATED) has let only an authenticated caller in.
        return service.search(jurisdictionId, role, page, size, Caller.of(security.getAuthentication().orElseThrow()));
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
