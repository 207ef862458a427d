package org.grantline.shared.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that honours an {@code Idempotency-Key} request header (grants' IdempotencyFilter: every
 * POST under /api/ there): documents the header, its replay and its refusals. The 409 and 422 it
 * names are the same statuses as {@link ProblemResponses.Conflict} and {@link ProblemResponses.Unprocessable};
 * an operation that has those for other reasons keeps their text, so the header's text says all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, required = false,
        description = "Optional; 1 to 255 visible ASCII characters, chosen by the client, one per intended change. "
                + "The first request with a key runs. A retry by the same caller with the same key, method, path and body "
                + "gets the first answer again (its status, `Location` and body) with `Idempotent-Replayed: true`, and "
                + "changes nothing more. The same key with another method, path or body: `422` (type "
                + "`idempotency-key-reused`); while the first is still running: `409` (type `idempotency-key-in-flight`), "
                + "retry shortly. Only a successful (2xx) answer is kept: after an error the key is free again. Keys "
                + "are kept for a day (`grantline.idempotency.retention`). Through the gateway, a POST with a key is "
                + "also sent to another instance when the first one fails mid-request.",
        schema = @Schema(type = "string", minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]{1,255}$"),
        example = "3f1c9a2e-5b7d-4e8a-9c0f-2d6b1a7e4c55")
@ApiResponse(responseCode = "409", description = "A race or a rule: a duplicate, a stale `version`, a state that does not allow "
        + "this, or a request with this `Idempotency-Key` still running",
        content = @Content(mediaType = ProblemResponses.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "Well-formed, but the request cannot be carried out as asked, or this "
        + "`Idempotency-Key` was used for a different request",
        content = @Content(mediaType = ProblemResponses.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
public @interface Idempotent {
    String HEADER = "Idempotency-Key";
}
