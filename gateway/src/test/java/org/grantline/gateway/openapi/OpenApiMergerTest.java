package org.grantline.gateway.openapi;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merge rules on small documents: collisions, routing, what the gateway adds. */
class OpenApiMergerTest {
    static final List<OpenApiMerger.Rule> RULES = List.of(
            new OpenApiMerger.Rule("alpha", List.of("/api/alpha"), List.of("/api/alpha/open")),
            new OpenApiMerger.Rule("beta", List.of("/api/beta", "/api/alpha/beta-owned"), List.of()));

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    static Map<String, Object> gateway() {
        return yaml("""
                openapi: 3.0.1
                info: {title: gw, version: '0.1'}
                security: [{bearer: []}]
                paths:
                  /login:
                    post:
                      operationId: login
                      security: []
                      responses: {'200': {description: ok}}
                components:
                  schemas:
                    Problem: {type: object, properties: {title: {type: string}}}
                  securitySchemes:
                    bearer: {type: http, scheme: bearer}
                """);
    }

    static Map<String, Object> alpha() {
        return yaml("""
                openapi: 3.0.1
                info: {title: alpha, version: '0.1'}
                paths:
                  /api/alpha/{id}:
                    get:
                      operationId: get
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
                    post:
                      operationId: create
                      security: []
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}}
                      responses: {'201': {description: created}}
                  /api/alpha/open/{file}:
                    get:
                      operationId: feed
                      security: []
                      responses: {'200': {description: ok}}
                  /api/alpha/beta-owned/x:
                    get:
                      operationId: shadowed
                      responses: {'200': {description: ok}}
                  /internal/x:
                    get:
                      operationId: internal
                      responses: {'200': {description: ok}}
                  /unrouted/x:
                    get:
                      operationId: unrouted
                      responses: {'200': {description: ok}}
                components:
                  schemas:
                    Problem: {type: object, properties: {title: {type: string}}}
                    Item: {type: object, properties: {name: {type: string}}}
                    Page: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/Item'}}}}
                  securitySchemes:
                    bearer: {type: http, scheme: bearer}
                """);
    }

    static Map<String, Object> beta() {
        return yaml("""
                openapi: 3.0.1
                info: {title: beta, version: '0.1'}
                paths:
                  /api/beta:
                    get:
                      operationId: get
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}}
                components:
                  schemas:
                    Problem: {type: object, properties: {title: {type: string}}}
                    Item: {type: object, properties: {amount: {type: integer}}}
                    Page: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/Item'}}}}
                """);
    }

    static OpenApiMerger.Merged merge() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        services.put("alpha", alpha());
        services.put("beta", beta());
        return OpenApiMerger.merge(gateway(), services, RULES);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @Test
    void aDifferentComponentOfTheSameNameIsRenamedWithEveryReferenceToItAndAnIdenticalOneIsKeptOnce() {
        Map<String, Object> doc = merge().document();
        Map<String, Object> schemas = at(doc, "components", "schemas");
        assertThat(schemas).containsOnlyKeys("Problem", "Item", "Page", "beta.Item", "beta.Page");
        // beta's Page is textually the same as alpha's, but refers to beta's different Item: renamed too
        assertThat(at(schemas, "beta.Page", "properties", "items", "items")).containsEntry("$ref", "#/components/schemas/beta.Item");
        assertThat(at(schemas, "Page", "properties", "items", "items")).containsEntry("$ref", "#/components/schemas/Item");
        assertThat(at(doc, "paths", "/api/beta", "get", "responses", "200", "content", "application/json", "schema"))
                .containsEntry("$ref", "#/components/schemas/beta.Page");
        assertThat(merge().renamed().get("beta")).containsOnlyKeys("#/components/schemas/Item", "#/components/schemas/Page");
    }

    @Test
    void onlyWhatTheRouteTableSendsToAServiceIsInTheDocumentAndTheRestIsReported() {
        OpenApiMerger.Merged merged = merge();
        assertThat(at(merged.document(), "paths")).containsOnlyKeys("/login", "/api/alpha/{id}", "/api/alpha/open/{file}", "/api/beta");
        assertThat(merged.unrouted()).containsExactlyInAnyOrder(
                "alpha: get /api/alpha/beta-owned/x (routed to beta)", "alpha: get /unrouted/x (no route)");
        // /internal/ is service to service by design: left out and not reported as a mistake
    }

    @Test
    void operationIdsAreNamedByTheirAppAndForwardedOperationsCarryTheGatewaysOwnAnswers() {
        Map<String, Object> doc = merge().document();
        Map<String, Object> get = at(doc, "paths", "/api/alpha/{id}", "get");
        assertThat(get).containsEntry("operationId", "alpha_get").containsEntry("x-grantline-service", "alpha");
        assertThat(at(doc, "paths", "/api/beta", "get")).containsEntry("operationId", "beta_get");
        assertThat(at(get, "responses")).containsOnlyKeys("200", "401", "502", "503", "504");
        Map<String, Object> create = at(doc, "paths", "/api/alpha/{id}", "post");
        assertThat(at(create, "responses")).containsOnlyKeys("201", "401", "403", "413", "502", "503", "504");
        // the service says anonymous, but the gateway forwards it only with a token
        assertThat(create).doesNotContainKey("security");
        // forwarded without a token (a public prefix, a GET): stays anonymous, no 401 added
        Map<String, Object> feed = at(doc, "paths", "/api/alpha/open/{file}", "get");
        assertThat(feed).containsEntry("security", List.of());
        assertThat(at(feed, "responses")).doesNotContainKey("401");
        // the gateway's own operations are left as they are
        assertThat(at(doc, "paths", "/login", "post")).containsEntry("security", List.of()).containsEntry("operationId", "gateway_login");
        assertThat(at(doc, "paths", "/login", "post", "responses")).containsOnlyKeys("200");
    }

    @Test
    void aGatewayPathUnderARouteIsAnError() {
        Map<String, Object> gateway = gateway();
        at(gateway, "paths").put("/api/beta/mine", at(gateway, "paths", "/login"));
        assertThatThrownBy(() -> OpenApiMerger.merge(gateway, Map.of(), RULES))
                .hasMessageContaining("/api/beta/mine is under the route to beta");
    }

    @Test
    void aSecuritySchemeOfTheSameNameThatDiffersIsAnError() {
        Map<String, Object> other = alpha();
        at(other, "components", "securitySchemes").put("bearer", Map.of("type", "apiKey", "in", "header", "name", "X-Key"));
        assertThatThrownBy(() -> OpenApiMerger.merge(gateway(), Map.of("alpha", other), RULES))
                .hasMessageContaining("security scheme bearer differs");
    }
}
