package org.grantline.gateway;

import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.micronaut.security.token.jwt.endpoints.KeysController;
import org.grantline.shared.audit.AuditController;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(title = "GrantLine gateway", version = "0.1",
                description = "Login, tokens, users, and the route table to the GrantLine services."),
        servers = @Server(url = "/", description = "The gateway"),
        security = @SecurityRequirement(name = "bearer"))
@OpenAPIInclude(classes = KeysController.class, tags = @Tag(name = "Sign-in and tokens"))
@OpenAPIInclude(classes = AuditController.class, tags = @Tag(name = "Audit"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        // Without MICRONAUT_ENVIRONMENTS: the embedded default (application-embedded.yml), one instance
        // of each app at fixed URLs (application-static.yml). ./suite up --replicas sets "embedded" alone.
        Micronaut.build(args).mainClass(Application.class).defaultEnvironments("embedded", "static").start();
    }
}
