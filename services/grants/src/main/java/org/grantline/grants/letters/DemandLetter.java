package org.grantline.grants.letters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

@MappedEntity("demand_letter")
public record DemandLetter(@Id UUID id, String subject, String body, String documentIds, LocalDate deadlineDate,
                           LocalTime deadlineTime, String recipientFilter, Status status, String sentBy, Instant sentAt,
                           @Nullable String closedBy, @Nullable Instant closedAt, @Version Long version) {

    public enum Status {
        OPEN, CLOSED
    }
}
