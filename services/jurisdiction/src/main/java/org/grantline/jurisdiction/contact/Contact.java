package org.grantline.jurisdiction.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

/** A person to contact at a jurisdiction. Private to that jurisdiction, DOJ, admins, auditors and services. */
@MappedEntity("contact")
public record Contact(@Id UUID id, UUID jurisdictionId, String name, ContactRole role, @Nullable String title,
                      String email, @Nullable String phone, Instant createdAt, Instant updatedAt,
                      @Version Long version) {
}
