package org.grantline.gateway.apiclient;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * API clients of an agency (integrations that call the API with client credentials): created,
 * listed, rotated and revoked within {@link ApiClientScope}; auditors read them all.
 */
@Controller("/api/api-clients")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.ADMIN, Roles.DOJ_OFFICER, Roles.AGENCY_ADMIN})
@ProblemResponses.Authenticated
@Tag(name = "API clients")
public class ApiClientController {
    private final ApiClientService service;

    public ApiClientController(ApiClientService service) {
        this.service = service;
    }

    @Post
    @Operation(summary = "Creates an API client; its secret is answered this once")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    public HttpResponse<ApiClientCommands.ApiClientSecret> create(@Body @Valid ApiClientCommands.ApiClientCreateCommand command,
                                                                  Authentication caller) {
        ApiClientCommands.ApiClientSecret created = service.create(command, ApiClientScope.of(caller), caller.getName());
        return HttpResponse.created(created, URI.create("/api/api-clients/" + created.clientId()));
    }

    @Get
    @Operation(summary = "API clients, by name (an agency administrator: their jurisdiction's; a DOJ officer: DOJ's)")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.DOJ_OFFICER, Roles.AGENCY_ADMIN})
    public List<ApiClientView> list(Authentication caller) {
        return service.list(ApiClientScope.of(caller));
    }

    @Get("/{id}")
    @Operation(summary = "One API client (never its secret)")
    @Secured({Roles.ADMIN, Roles.AUDITOR, Roles.DOJ_OFFICER, Roles.AGENCY_ADMIN})
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    public ApiClientView get(UUID id, Authentication caller) {
        return service.get(id, ApiClientScope.of(caller));
    }

    @Post("/{id}/rotate")
    @Operation(summary = "Gives the API client a new secret, answered this once; the old secret and every earlier token stop")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public ApiClientCommands.ApiClientSecret rotate(UUID id, Authentication caller) {
        return service.rotate(id, ApiClientScope.of(caller));
    }

    @Post("/{id}/revoke")
    @Operation(summary = "Revokes the API client: its secret and every token of it stop (again: no change)")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public ApiClientView revoke(UUID id, Authentication caller) {
        return service.revoke(id, ApiClientScope.of(caller));
    }
}
