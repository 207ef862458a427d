package org.grantline.gateway.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.grantline.shared.security.Caller;

import java.util.Collection;
import java.util.UUID;

/** {@code GET /api/me}: who the token says the caller is. */
@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MeController {

    @Serdeable
    public record Me(String username, @Nullable String name, Collection<String> roles, @Nullable UUID jurisdictionId) {
    }

    @Get
    public Me me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Object name = authentication.getAttributes().get("name");
        return new Me(caller.subject(), name == null ? null : name.toString(), caller.roles(),
                caller.jurisdictionId().orElse(null));
    }
}
