package org.grantline.jurisdiction.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A jurisdiction's contact, as the jurisdiction service answers it. */
@Serdeable
public record ContactView(UUID id, UUID jurisdictionId, String name, ContactRole role, @Nullable String title,
                          String email, @Nullable String phone, Instant updatedAt, long version) {

    @Serdeable
    public record Page(List<ContactView> items, int page, int size, long total) {
    }
}
