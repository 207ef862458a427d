package org.grantline.jurisdiction;

import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.audit.AuditController;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(title = "GrantLine jurisdiction service", version = "0.1",
                description = "Jurisdictions: name, type, state, FIPS code, time zone."),
        servers = @Server(url = "/", description = "This service; through the gateway the same paths"),
        security = @SecurityRequirement(name = "bearer"))
@OpenAPIInclude(classes = AuditController.class, tags = @Tag(name = "Audit"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        // Without MICRONAUT_ENVIRONMENTS: the embedded default (application-embedded.yml), one instance
        // of each app at fixed URLs (application-static.yml). ./suite up --replicas sets "embedded" alone.
        Micronaut.build(args).mainClass(Application.class).defaultEnvironments("embedded", "static").start();
    }
}
