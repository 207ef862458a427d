package org.grantline.jurisdiction.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Serdeable
public record ContactView(UUID id, UUID jurisdictionId, String name, ContactRole role, @Nullable String title,
                          String email, @Nullable String phone, Instant updatedAt, long version) {

    static ContactView of(Contact c) {
        return new ContactView(c.id(), c.jurisdictionId(), c.name(), c.role(), c.title(), c.email(), c.phone(),
                c.updatedAt(), c.version());
    }

    @Serdeable
    public record Page(List<ContactView> items, int page, int size, long total) {
    }
}
