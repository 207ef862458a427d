package org.grantline.grants.award;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@MappedEntity("money_movement")
public record MoneyMovement(@Id UUID id, UUID awardId, MovementKind kind, BigDecimal amount, LocalDate movementDate,
                            String reason, String recordedBy, Instant recordedAt) {

    public enum MovementKind {
        DISBURSEMENT, CLAWBACK
    }
}
