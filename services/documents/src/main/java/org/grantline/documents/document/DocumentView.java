package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document as the API shows it, with its current version (null while it has none). */
@Serdeable
public record DocumentView(UUID id, @Nullable UUID jurisdictionId, String kind, String title,
                           @Nullable UUID awardId, @Nullable UUID requirementId, @Nullable UUID submissionId,
                           String createdBy, Instant createdAt, int currentVersion, @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "object", description = "The current version; null before the first bytes arrive") VersionView current) {

    static DocumentView of(Document d) {
        return of(d, null);
    }

    static DocumentView of(Document d, @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "object", description = "The current version; null before the first bytes arrive") VersionView current) {
        return new DocumentView(d.id(), d.jurisdictionId(), d.kind(), d.title(), d.awardId(), d.requirementId(),
                d.submissionId(), d.createdBy(), d.createdAt(), d.currentVersion(), current);
    }

    /** One version: what the bytes are, their SHA-256, and whether a submitted certification rests on it. */
    @Serdeable
    public record VersionView(int number, String filename, String contentType, long size, String sha256,
                              String uploadedBy, Instant uploadedAt, boolean locked, boolean corrupt) {

        static VersionView of(DocumentVersion v, boolean locked) {
            return new VersionView(v.number(), v.originalFilename(), v.contentType(), v.sizeBytes(), v.sha256(),
                    v.uploadedBy(), v.uploadedAt(), locked, v.corruptAt() != null);
        }
    }

    @Serdeable
    public record Page(List<DocumentView> items, int page, int size, long total) {
    }
}
