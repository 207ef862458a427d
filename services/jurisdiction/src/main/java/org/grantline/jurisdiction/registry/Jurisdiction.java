package org.grantline.jurisdiction.registry;

import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("jurisdiction")
public record Jurisdiction(@Id UUID id,
                           String name,
                           JurisdictionType type,
                           String state,
                           String fips,
                           String timeZone,
                           @Nullable UUID parentId,
                           @Nullable Long population,
                           Instant createdAt,
                           Instant updatedAt,
                           @Version Long version) {

    /** As the API answers it (jurisdiction-api's record). */
    public JurisdictionView view() {
        return new JurisdictionView(id, name, type, state, fips, timeZone, parentId, population, createdAt, updatedAt, version);
    }

    /** The same record with the registry fields of another, or this one if they are the same. */
    public boolean sameFieldsAs(String name, JurisdictionType type, String state, String fips, String timeZone,
                         UUID parentId, Long population) {
        return this.name.equals(name) && this.type == type && this.state.equals(state) && this.fips.equals(fips)
                && this.timeZone.equals(timeZone) && java.util.Objects.equals(this.parentId, parentId)
                && java.util.Objects.equals(this.population, population);
    }
}
