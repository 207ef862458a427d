package org.grantline.notifications;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info = @Info(title = "GrantLine notifications service", version = "0.1", description = "Reminders and notices for the people who must act."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        // Without MICRONAUT_ENVIRONMENTS the app runs on the embedded defaults (application-embedded.yml).
        Micronaut.build(args).mainClass(Application.class).defaultEnvironments("embedded").start();
    }
}
