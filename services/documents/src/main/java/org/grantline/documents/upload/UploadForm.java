package org.grantline.documents.upload;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.grantline.documents.document.DocumentKind;

import java.util.UUID;

/**
 * The parts of an upload (multipart/form-data), for the document only: the upload itself is read as
 * a stream (UploadService), never bound to this record.
 */
@Introspected
@Schema(name = "UploadForm", description = "One part `file` and the fields; unknown fields are refused.")
public record UploadForm(
        @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The file: PDF, PNG, JPEG, DOCX or UTF-8 plain text, told from its bytes (a declared type that disagrees is refused); at most grantline.documents.max-file-size (50 MB by default)")
        String file,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Officials and legal officers file CERTIFICATION, LEGAL_OPINION, POLICY or OTHER; DOJ files DOJ_LETTER or COURT_ORDER")
        DocumentKind kind,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 300, example = "FY2024 Section 1373 certification")
        String title,
        @Nullable @Schema(description = "DOJ only; officials file for their own jurisdiction") UUID jurisdictionId,
        @Nullable UUID awardId,
        @Nullable UUID requirementId,
        @Nullable UUID submissionId) {
}
