package org.grantline.gateway.sso;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The configured identity providers, for the sign-in page. */
@Controller("/web/sso/providers")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SsoController {
    private final SsoSignIn signIn;

    public SsoController(SsoSignIn signIn) {
        this.signIn = signIn;
    }

    @Serdeable
    public record Provider(String name, String displayName, String loginUrl) {
    }

    @Get
    @io.swagger.v3.oas.annotations.Operation(summary = "The single sign-on providers the sign-in page offers")
    public List<Provider> providers() {
        return signIn.providers().stream()
                .map(p -> new Provider(p.getName(), p.getDisplayName(), "/oauth/login/" + p.getName()))
                .toList();
    }
}
