package org.grantline.jurisdiction.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.UUID;

@Controller("/api/jurisdictions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JurisdictionController {

    private final JurisdictionService service;

    public JurisdictionController(JurisdictionService service) {
        this.service = service;
    }

    @Post
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    public HttpResponse<JurisdictionView> create(@Body @Valid JurisdictionCommand command) {
        JurisdictionView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/jurisdictions/" + created.id()));
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public JurisdictionPage list(@Nullable @QueryValue @Pattern(regexp = "[A-Z]{2}") String state,
                                 @QueryValue(defaultValue = "0") @Min(0) int page,
                                 @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        return service.list(state, page, size);
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
