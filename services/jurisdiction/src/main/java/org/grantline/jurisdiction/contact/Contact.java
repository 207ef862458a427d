package org.grantline.jurisdiction.contact;

import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.api.ContactView;
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

    /** As the API answers it (jurisdiction-api's record). */
    public ContactView view() {
        return new ContactView(id, jurisdictionId, name, role, title, email, phone, updatedAt, version);
    }
}
