package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One award, as grants answers it ({@link AwardOperations}); money as exact decimals. */
@Serdeable
public record AwardView(UUID id, UUID jurisdictionId, UUID programId, int fiscalYear, String awardNumber,
                        BigDecimal amount, LocalDate awardDate, LocalDate acceptanceDeadline, AwardStatus status,
                        BigDecimal disbursed, BigDecimal clawedBack, List<UUID> conditionIds, long version) {
}
