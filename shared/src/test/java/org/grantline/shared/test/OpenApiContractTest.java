package org.grantline.shared.test;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract oracle itself: what it accepts and each way an answer can leave the document. */
class OpenApiContractTest {
    static final OpenApiContract CONTRACT = OpenApiContract.of("""
            openapi: 3.0.1
            info: {title: t, version: "1"}
            paths:
              /api/things/{id}:
                get:
                  responses:
                    "200":
                      description: ok
                      headers:
                        ETag: {required: true, schema: {type: string}}
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Thing"}
                    "404":
                      description: none
                      content:
                        application/problem+json:
                          schema: {$ref: "#/components/schemas/Problem"}
                delete:
                  responses:
                    "204": {description: gone}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, size]
                  properties:
                    id: {type: string, format: uuid}
                    size: {type: integer, minimum: 0}
                    note: {type: string, nullable: true}
                Problem:
                  type: object
                  required: [type, status]
                  properties:
                    type: {type: string}
                    status: {type: integer}
            """);

    static TestHttp.Response answer(int status, String type, String body, String... headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        if (type != null) {
            h.put("Content-Type", List.of(type));
        }
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return new TestHttp.Response(status, h, body);
    }

    @Test
    void describedAnswersPass() {
        assertThatCode(() -> CONTRACT.check("GET", "/api/things/1?x=y", answer(200, "application/json; charset=utf-8",
                "{\"id\":\"0b7c6d2e-8f1a-4c3b-9e2d-1a2b3c4d5e6f\",\"size\":3,\"note\":null}", "ETag", "\"a\""))).doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.check("GET", "/api/things/1", answer(404, "application/problem+json",
                "{\"type\":\"urn:grantline:problem:not-found\",\"status\":404}"))).doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.check("DELETE", "/api/things/1", answer(204, null, ""))).doesNotThrowAnyException();
    }

    @Test
    void eachWayOfLeavingTheDocumentFails() {
        String thing = "{\"id\":\"0b7c6d2e-8f1a-4c3b-9e2d-1a2b3c4d5e6f\",\"size\":3}";
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/other", answer(200, "application/json", thing)))
                .hasMessageContaining("is not in the document");
        assertThatThrownBy(() -> CONTRACT.check("PUT", "/api/things/1", answer(200, "application/json", thing)))
                .hasMessageContaining("is not in the document");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(500, "application/problem+json", "{}")))
                .hasMessageContaining("describes only");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(200, "application/json", thing)))
                .hasMessageContaining("requires the header ETag");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(200, "text/csv", "a,b", "ETag", "x")))
                .hasMessageContaining("the answer is text/csv");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(200, "application/json", "{\"id\":\"x\"}", "ETag", "x")))
                .hasMessageContaining("does not match the document");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(200, "application/json",
                "{\"id\":\"0b7c6d2e-8f1a-4c3b-9e2d-1a2b3c4d5e6f\",\"size\":-1}", "ETag", "x")))
                .hasMessageContaining("does not match the document");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/api/things/1", answer(404, "application/problem+json", "{\"status\":404}")))
                .hasMessageContaining("does not match the document");
        assertThatThrownBy(() -> CONTRACT.check("DELETE", "/api/things/1", answer(204, "application/json", "{}")))
                .hasMessageContaining("describes no body");
    }
}
