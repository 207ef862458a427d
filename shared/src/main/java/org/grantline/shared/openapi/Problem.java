package org.grantline.shared.openapi;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The shape of every error answer (RFC 9457 {@code application/problem+json}), for the documents
 * only: the body itself is written by {@code ProblemBodyProvider}. Further members (such as
 * {@code currentVersion} or {@code size}) may follow.
 */
@Introspected
@Schema(name = "Problem", description = "An error (RFC 9457 problem details). `type` is stable per kind of error; "
        + "`detail` is a sentence; `requestId` is the id to quote. Other members may follow.")
public record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "urn:grantline:problem:not-found",
                description = "`urn:grantline:problem:<kind>`") String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Not found") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "400", maximum = "599", example = "404") int status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "No such award") String detail,
        @Nullable @Schema(example = "5f0c6b1e2b7a4c1d") String requestId,
        @Nullable @ArraySchema(schema = @Schema(implementation = FieldError.class),
                arraySchema = @Schema(description = "Validation problems only: one entry per offending field"))
        List<FieldError> errors) {

    /** One offending field of a {@code 400 validation} problem. */
    @Introspected
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "documentIds[2]") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be a UUID") String message) {
    }
}
