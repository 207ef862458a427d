package org.grantline.grants.letters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** What one recipient of a letter owes DOJ, by a deadline in its own time zone. */
@MappedEntity("demand")
public record Demand(@Id UUID id, UUID letterId, UUID jurisdictionId, String jurisdictionName, @Nullable String jurisdictionState,
                     String timeZone, LocalDate deadlineDate, LocalTime deadlineTime, Instant deadlineAt, Status status,
                     int round, @Nullable String dojNote, @Nullable String decidedBy, @Nullable Instant decidedAt,
                     Instant createdAt, Instant updatedAt, @Version Long version) {

    /** AWAITING and MORE_REQUESTED wait for the jurisdiction (and can be late); the others do not. */
    public enum Status {
        AWAITING, ANSWERED, MORE_REQUESTED, ACCEPTED, CLOSED;

        public boolean awaitsJurisdiction() {
            return this == AWAITING || this == MORE_REQUESTED;
        }
    }

    public boolean lateAt(Instant now) {
        return status.awaitsJurisdiction() && now.isAfter(deadlineAt);
    }

    Demand with(Status next, int nextRound, @Nullable String note, @Nullable String by, @Nullable Instant decided, Instant now) {
        return new Demand(id, letterId, jurisdictionId, jurisdictionName, jurisdictionState, timeZone, deadlineDate, deadlineTime,
                deadlineAt, next, nextRound, note, by, decided, createdAt, now, version);
    }
}
