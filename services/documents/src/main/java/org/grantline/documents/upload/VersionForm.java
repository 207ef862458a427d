package org.grantline.documents.upload;

import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;

/** A new version (multipart/form-data): one part {@code file}; for the document only. */
@Introspected
@Schema(name = "VersionForm")
public record VersionForm(
        @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String file) {
}
