package org.grantline.documents.document;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A version that a submitted certification rests on: it can no longer be replaced or deleted. */
@MappedEntity("document_lock")
public record DocumentLock(@Id UUID id, UUID documentId, int versionNumber, UUID submissionId, String lockedBy,
                           Instant lockedAt) {
}
