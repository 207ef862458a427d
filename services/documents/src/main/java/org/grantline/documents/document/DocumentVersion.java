package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One stored file of a document: where its bytes are, what they are, and their SHA-256. */
@MappedEntity("document_version")
public record DocumentVersion(@Id UUID id, UUID documentId, int number, String storageKey, String originalFilename,
                              String contentType, long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt,
                              @Nullable Instant corruptAt) {

    DocumentVersion markedCorrupt(Instant now) {
        return new DocumentVersion(id, documentId, number, storageKey, originalFilename, contentType, sizeBytes, sha256,
                uploadedBy, uploadedAt, now);
    }
}
