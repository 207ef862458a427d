package org.grantline.jurisdiction.registry;

import org.grantline.jurisdiction.api.JurisdictionOperations;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.KnownAnswer;
import org.grantline.jurisdiction.api.KnownQuery;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionView;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.UUID;

@Controller(JurisdictionOperations.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Jurisdictions")
/** The registry; the part other services call is jurisdiction-api's {@link JurisdictionOperations}. */
public class JurisdictionController implements JurisdictionOperations {

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

    @Override
    @Operation(summary = "Search: state, type, name (contains, any case), parent, and the fields of the policy in force")
    @ProblemResponses.BadRequest
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionPage list(JurisdictionSearch search) {
        return queries.search(search);
    }

    @Override
    @Operation(summary = "One jurisdiction")
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionView get(UUID id) {
        return service.get(id);
    }

    /** Which of these ids are jurisdictions: for other GrantLine services (and DOJ) checking ids they are given. */
    @Override
    @ProblemResponses.BadRequest
    @Secured({Roles.SERVICE, Roles.DOJ_OFFICER, Roles.ADMIN})
    public KnownAnswer known(KnownQuery query) {
        return service.known(query.ids());
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
