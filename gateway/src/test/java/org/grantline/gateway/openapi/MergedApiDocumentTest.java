package org.grantline.gateway.openapi;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.grantline.gateway.GatewayTestSupport;
import org.grantline.gateway.routing.Route;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merged document the gateway serves at /openapi.yml covers every public route: each operation
 * of the gateway's own document and of each routed service's document is in it, under the path a
 * client calls (the route table sends that path to that service), with its summary and answers.
 * Writes what it was served to target/openapi/grantline.yml, which .ci/openapi-lint/lint.sh lints.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergedApiDocumentTest implements TestPropertyProvider {
    static final String ADMIN = GatewayTestSupport.unique("root");
    static final List<String> SERVICES = List.of("jurisdiction", "grants", "documents", "notifications");

    @Inject
    EmbeddedServer server;
    @Inject
    MergedOpenApi bundle;
    @Inject
    List<Route> routes;
    TestHttp http;
    TestHttp.Response served;
    Map<String, Object> merged;

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(GatewayTestSupport.properties(ADMIN));
    }

    @BeforeAll
    void fetch() throws IOException {
        http = new TestHttp(server.getURL().toString());
        served = http.get("/openapi.yml", null);
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        merged = new Yaml(new SafeConstructor(new LoaderOptions())).load(served.body());
        Path out = Path.of("target", "openapi", "grantline.yml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, served.body());
    }

    @Test
    void theDocumentIsServedWithoutATokenAsYaml() {
        assertThat(served.header("Content-Type")).startsWith("application/yaml");
        assertThat(merged).containsKeys("openapi", "info", "paths", "components");
        assertThat(((Map<?, ?>) merged.get("info")).get("title")).isEqualTo("GrantLine API");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationOfEveryDocumentIsInTheMergedOneUnderItsPublicPath() {
        assertThat(routes).extracting(Route::getService).containsExactlyInAnyOrderElementsOf(SERVICES);
        Map<String, Object> paths = (Map<String, Object>) merged.get("paths");
        int count = 0;
        Set<String> expected = new TreeSet<>();
        for (String app : List.of("gateway", "jurisdiction", "grants", "documents", "notifications")) {
            Map<String, Object> own = bundle.bundled(app.equals("gateway") ? "META-INF/swagger/gateway.yml"
                    : "META-INF/grantline-openapi/" + app + ".yml").orElseThrow(() -> new AssertionError(
                    "the gateway bundles no document of " + app + " (build the services before the gateway)"));
            Set<String> operations = OpenApiMerger.operations(own);
            assertThat(operations).as(app + "'s operations").isNotEmpty();
            for (String operation : operations) {
                String method = operation.substring(0, operation.indexOf(' '));
                String path = operation.substring(operation.indexOf(' ') + 1);
                if (path.startsWith("/internal/")) {
                    // Service to service only (the notifications service's invitation emails, asked for by the gateway
                    // itself): no route reaches it, so a client never sees it in the merged document.
                    assertThat(routes).as(operation + " is internal: no route may reach it")
                            .noneMatch(r -> r.getPrefixes().stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/")));
                    assertThat(paths).as(operation + " is internal").doesNotContainKey(path);
                    continue;
                }
                expected.add(operation);
                if (!app.equals("gateway")) {
                    Route route = routes.stream().filter(r -> r.getPrefixes().stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/")))
                            .max(java.util.Comparator.comparingInt(r -> r.getPrefixes().stream().mapToInt(String::length).max().orElse(0)))
                            .orElseThrow(() -> new AssertionError(app + ": no route reaches " + operation));
                    assertThat(route.getService()).as(operation + " is routed to").isEqualTo(app);
                }
                Map<String, Object> item = (Map<String, Object>) paths.get(path);
                assertThat(item).as(app + ": " + operation + " is missing from the merged document").isNotNull();
                Map<String, Object> mergedOp = (Map<String, Object>) item.get(method);
                assertThat(mergedOp).as(app + ": " + operation + " is missing from the merged document").isNotNull();
                Map<String, Object> original = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) own.get("paths"))
                        .get(path)).get(method);
                assertThat(mergedOp.get("x-grantline-service")).isEqualTo(app);
                assertThat(mergedOp.get("summary")).as(operation).isNotNull();
                if (original.get("summary") != null) {
                    assertThat(mergedOp.get("summary")).isEqualTo(original.get("summary"));
                }
                assertThat(((Map<String, Object>) mergedOp.get("responses")).keySet())
                        .containsAll(((Map<String, Object>) original.get("responses")).keySet());
                count++;
            }
        }
        assertThat(bundle.merged().unrouted()).as("service operations no route reaches").isEmpty();
        // nothing else: the merged document has no operation that none of the five has
        assertThat(OpenApiMerger.operations(merged)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(count).isGreaterThanOrEqualTo(130);
    }

    @Test
    @SuppressWarnings("unchecked")
    void componentsOfTheSameNameAreOneOnlyWhereTheyAreTheSame() {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) merged.get("components")).get("schemas");
        for (String app : SERVICES) {
            Map<String, Object> own = (Map<String, Object>) ((Map<String, Object>) bundle.bundled("META-INF/grantline-openapi/" + app + ".yml")
                    .orElseThrow().get("components")).get("schemas");
            Map<String, String> renamed = bundle.merged().renamed().getOrDefault(app, Map.of());
            own.forEach((name, schema) -> {
                String key = renamed.getOrDefault("#/components/schemas/" + name, "#/components/schemas/" + name)
                        .substring("#/components/schemas/".length());
                assertThat(schemas).as(app + "'s " + name).containsKey(key);
                assertThat(schemas.get(key)).as(app + "'s " + name + " (as " + key + ")")
                        .isEqualTo(OpenApiMerger.rewrite(schema, renamed));
            });
        }
        assertThat(schemas).containsKeys("Problem", "FieldError", "AuditEvent");
    }

    @Test
    void theReferencePageAndItsFilesAreServedWithoutAToken() {
        TestHttp.Response page = http.get("/api/docs", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/grantline-reference.js");
        for (String file : List.of("/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css", "/api/docs/grantline-reference.js")) {
            TestHttp.Response answer = http.get(file, null);
            assertThat(answer.status()).as(file).isEqualTo(200);
            assertThat(answer.body()).as(file).isNotBlank();
        }
        assertThat(http.get("/api/docs/grantline-reference.js", null).body()).contains("'/openapi.yml'");
    }
}
