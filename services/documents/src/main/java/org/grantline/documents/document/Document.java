package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("document")
public record Document(@Id UUID id, @Nullable UUID jurisdictionId, String kind, String title, Instant createdAt) {
}
