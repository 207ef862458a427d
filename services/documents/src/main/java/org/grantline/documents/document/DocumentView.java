package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Serdeable
public record DocumentView(UUID id, @Nullable UUID jurisdictionId, String kind, String title, Instant createdAt) {

    static DocumentView of(Document d) {
        return new DocumentView(d.id(), d.jurisdictionId(), d.kind(), d.title(), d.createdAt());
    }

    @Serdeable
    public record Page(List<DocumentView> items, int page, int size, long total) {
    }
}
