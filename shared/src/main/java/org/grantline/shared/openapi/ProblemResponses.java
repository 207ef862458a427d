package org.grantline.shared.openapi;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error answers an operation can give, one annotation per status, each documented once with
 * the shared {@link Problem} schema as {@code application/problem+json}. Put them on a controller
 * method (or on the controller, for every method); {@link Authenticated} is 401 and 403 together.
 * micronaut-openapi reads them as stereotypes when it writes the document at compile time.
 */
public final class ProblemResponses {
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    /** 400: Invalid request. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = "Invalid request: a field, query or body that breaks a rule (`errors` names each field), or JSON that is not taken literally",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {
    }

    /** 401: No valid bearer token. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Unauthorized {
    }

    /** 403: The token's role, scope or jurisdiction does not allow this. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "403", description = "The token's role, scope or jurisdiction does not allow this",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {
    }

    /** 404: No such resource, or one the caller may not see. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404", description = "No such resource, or one the caller may not see",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
    }

    /** 409: A race or a rule. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "409", description = "A race or a rule: a duplicate, a stale `version`, or a state that does not allow this",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {
    }

    /** 413: The body is larger than allowed. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "413", description = "The body is larger than allowed",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface PayloadTooLarge {
    }

    /** 415: The body's media type is not accepted. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "415", description = "The body's media type is not accepted",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface UnsupportedMediaType {
    }

    /** 422: Well-formed, but the request cannot be carried out as asked. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "422", description = "Well-formed, but the request cannot be carried out as asked",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Unprocessable {
    }

    /** 429: Too many attempts. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "429", description = "Too many attempts; `Retry-After` says how many seconds to wait",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface TooManyRequests {
    }

    /** 503: A service or store this request needs is unavailable. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "503", description = "A service or store this request needs is unavailable; retry later",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface ServiceUnavailable {
    }

    /** 401 and 403: every operation that needs a token. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @Unauthorized
    @Forbidden
    public @interface Authenticated {
    }
}
