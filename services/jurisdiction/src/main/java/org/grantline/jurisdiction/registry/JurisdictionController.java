package org.grantline.jurisdiction.registry;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/api/jurisdictions")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Jurisdictions")
public class JurisdictionController {

    private final JurisdictionService service;
    private final JurisdictionQueries queries;

    public JurisdictionController(JurisdictionService service, JurisdictionQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    @Post
    @Operation(summary = "Creates a jurisdiction")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<JurisdictionView> create(@Body @Valid JurisdictionCommand command) {
        JurisdictionView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/jurisdictions/" + created.id()));
    }

    /** Search: state, type, name (contains, any case), parent, and the fields of the policy in force. */
    @Get
    @ProblemResponses.BadRequest
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionPage list(@Valid @RequestBean JurisdictionSearch search) {
        return queries.search(search);
    }

    @Get("/{id}")
    @Operation(summary = "One jurisdiction")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionView get(UUID id) {
        return service.get(id);
    }

    /** Which of these ids are jurisdictions: for other GrantLine services (and DOJ) checking ids they are given. */
    @Post("/known")
    @ProblemResponses.BadRequest
    @Secured({Roles.SERVICE, Roles.DOJ_OFFICER, Roles.ADMIN})
    public KnownAnswer known(@Body @Valid KnownQuery query) {
        return service.known(query.ids());
    }

    @Serdeable
    public record KnownQuery(@NotNull @Size(max = 5000) List<@NotNull UUID> ids) {
    }

    @Serdeable
    public record KnownAnswer(List<UUID> known, List<UUID> unknown) {
    }

    @Put("/{id}")
    @Operation(summary = "Replaces a jurisdiction's record")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public JurisdictionView update(UUID id, @Body @Valid JurisdictionCommand command) {
        return service.update(id, command);
    }
}
