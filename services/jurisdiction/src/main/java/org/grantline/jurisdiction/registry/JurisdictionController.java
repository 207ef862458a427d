package org.grantline.jurisdiction.registry;

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
import jakarta.validation.Valid;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.UUID;

@Controller("/api/jurisdictions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JurisdictionController {

    private final JurisdictionService service;
    private final JurisdictionQueries queries;

    public JurisdictionController(JurisdictionService service, JurisdictionQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    @Post
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<JurisdictionView> create(@Body @Valid JurisdictionCommand command) {
        JurisdictionView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/jurisdictions/" + created.id()));
    }

    /** Search: state, type, name (contains, any case), parent, and the fields of the policy in force. */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionPage list(@Valid @RequestBean JurisdictionSearch search) {
        return queries.search(search);
    }

    @Get("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionView get(UUID id) {
        return service.get(id);
    }

    @Put("/{id}")
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public JurisdictionView update(UUID id, @Body @Valid JurisdictionCommand command) {
        return service.update(id, command);
    }
}
