package org.grantline.jurisdiction.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A jurisdiction's cooperation policy: its history, the version in force on a date, a new version. */
@Controller("/api/jurisdictions/{id}/policies")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PolicyController {

    private final PolicyService service;

    public PolicyController(PolicyService service) {
        this.service = service;
    }

    @Post
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER})
    public HttpResponse<PolicyView> record(UUID id, @Body @Valid PolicyCommand command, Authentication caller) {
        PolicyView recorded = service.record(id, command, Caller.of(caller));
        return HttpResponse.created(recorded, URI.create("/api/jurisdictions/" + id + "/policies"));
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<PolicyView> history(UUID id) {
        return service.history(id);
    }

    /** The policy in force on {@code asOf} (default today). */
    @Get("/in-force")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public PolicyView inForce(UUID id, @Nullable @QueryValue LocalDate asOf) {
        return service.inForce(id, asOf == null ? LocalDate.now() : asOf);
    }
}
