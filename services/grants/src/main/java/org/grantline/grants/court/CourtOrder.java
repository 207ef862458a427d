package org.grantline.grants.court;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@MappedEntity("court_order")
public record CourtOrder(@Id UUID id, String caseName, String caseNumber, String court, LocalDate orderDate,
                         OrderScope scope, @Nullable String scopeState, @Nullable String organisation,
                         LocalDate inForceFrom, @Nullable LocalDate inForceTo, @Nullable LocalDate liftedOn,
                         @Nullable String liftedReason, Instant createdAt, Instant updatedAt, @Version Long version) {

    /** In force on a date: from its start, until its end and until a stay or reversal lifts it. */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(inForceFrom) && (inForceTo == null || !date.isAfter(inForceTo))
                && (liftedOn == null || date.isBefore(liftedOn));
    }

    public enum OrderScope {
        NATIONWIDE, JURISDICTIONS, STATE, MEMBERS
    }
}
