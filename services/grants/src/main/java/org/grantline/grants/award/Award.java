package org.grantline.grants.award;

import org.grantline.grants.api.AwardStatus;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@MappedEntity("award")
public record Award(@Id UUID id, UUID jurisdictionId, UUID programId, int fiscalYear, String awardNumber,
                    BigDecimal amount, LocalDate awardDate, LocalDate acceptanceDeadline, AwardStatus status,
                    Instant createdAt, Instant updatedAt, @Version Long version) {

    Award with(AwardStatus next, LocalDate deadline, Instant now) {
        return new Award(id, jurisdictionId, programId, fiscalYear, awardNumber, amount, awardDate, deadline, next,
                createdAt, now, version);
    }
}
