package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A document's record: who owns it, what it is, what it concerns. Its bytes are its versions
 * ({@link DocumentVersion}); {@code currentVersion} 0 means none yet. Deleted ones are kept.
 */
@MappedEntity("document")
public record Document(@Id UUID id, @Nullable UUID jurisdictionId, String kind, String title,
                       @Nullable UUID awardId, @Nullable UUID requirementId, @Nullable UUID submissionId,
                       String createdBy, Instant createdAt, int currentVersion, @Nullable Instant updatedAt,
                       @Nullable Instant deletedAt, @Nullable String deletedBy) {

    /** A record without bytes yet (also how tests seed records). */
    public static Document record(UUID id, @Nullable UUID jurisdictionId, String kind, String title, Instant createdAt) {
        return new Document(id, jurisdictionId, kind, title, null, null, null, "unknown", createdAt, 0, null, null, null);
    }

    Document withCurrentVersion(int number, Instant now) {
        return new Document(id, jurisdictionId, kind, title, awardId, requirementId, submissionId, createdBy, createdAt,
                number, now, deletedAt, deletedBy);
    }

    Document deleted(String by, Instant now) {
        return new Document(id, jurisdictionId, kind, title, awardId, requirementId, submissionId, createdBy, createdAt,
                currentVersion, now, now, by);
    }

    boolean isDeleted() {
        return deletedAt != null;
    }
}
