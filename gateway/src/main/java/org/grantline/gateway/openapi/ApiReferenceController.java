package org.grantline.gateway.openapi;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API as a client of the gateway sees it: the merged OpenAPI document at {@code /openapi.yml}
 * and a reference page reading it at {@code /api/docs} (Swagger UI from its WebJar, files under
 * {@code /api/docs/}). Anonymous: the document holds no data. Not in the documents themselves.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ApiReferenceController {
    public static final String YAML = "application/yaml";

    private final MergedOpenApi document;
    private final String page;

    public ApiReferenceController(MergedOpenApi document, ResourceResolver resources) {
        this.document = document;
        this.page = resources.getResourceAsStream("classpath:api-docs/reference.html").map(ApiReferenceController::text)
                .orElseThrow(() -> new IllegalStateException("api-docs/reference.html is missing"));
    }

    @Get("/openapi.yml")
    @Produces(YAML)
    public HttpResponse<String> openApi() {
        return HttpResponse.ok(document.yaml()).contentType(YAML + ";charset=utf-8");
    }

    @Get("/api/docs")
    @Produces("text/html;charset=utf-8")
    public String reference() {
        return page;
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
