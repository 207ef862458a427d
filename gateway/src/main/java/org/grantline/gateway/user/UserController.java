package org.grantline.gateway.user;

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
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.util.UUID;

/** The admin API: create, list, disable users; set their roles and jurisdiction. Auditors may read. */
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
public class UserController {

    private final UserService service;

    public UserController(UserService service) {
        this.service = service;
    }

    @Post
    public HttpResponse<UserView> create(@Body @Valid UserCommands.UserCreateCommand command) {
        UserView created = service.create(command);
        return HttpResponse.created(created, URI.create("/api/users/" + created.id()));
    }

    @Get
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public UserPage list(@QueryValue(defaultValue = "0") @Min(0) int page,
                         @QueryValue(defaultValue = "50") @Min(1) @Max(100) int size) {
        return service.list(page, size);
    }

    @Get("/{id}")
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public UserView get(UUID id) {
        return service.get(id);
    }

    @Put("/{id}/roles")
    public UserView setRoles(UUID id, @Body @Valid UserCommands.UserRolesCommand command) {
        return service.setRoles(id, command);
    }

    @Post("/{id}/disable")
    public UserView disable(UUID id, Authentication caller) {
        return service.setEnabled(id, false, caller.getName());
    }

    @Post("/{id}/enable")
    public UserView enable(UUID id, Authentication caller) {
        return service.setEnabled(id, true, caller.getName());
    }
}
