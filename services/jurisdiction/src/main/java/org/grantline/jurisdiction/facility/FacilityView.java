package org.grantline.jurisdiction.facility;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.grantline.jurisdiction.registry.Jurisdiction;
import org.grantline.jurisdiction.api.JurisdictionType;

import java.util.UUID;

/** A facility with who operates it: the answer to "who runs the jails this city's police use?". */
@Serdeable
public record FacilityView(UUID id, String name, FacilityKind kind, @Nullable Integer capacity, Operator operator,
                           long version) {

    @Serdeable
    public record Operator(UUID id, String name, JurisdictionType type, String state) {
    }

    static FacilityView of(DetentionFacility f, Jurisdiction operator) {
        return new FacilityView(f.id(), f.name(), f.kind(), f.capacity(),
                new Operator(operator.id(), operator.name(), operator.type(), operator.state()), f.version());
    }
}
