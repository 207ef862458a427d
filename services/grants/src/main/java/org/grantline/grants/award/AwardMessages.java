package org.grantline.grants.award;

import org.grantline.grants.api.AwardStatus;
import org.grantline.grants.api.AwardView;
import org.grantline.grants.api.AwardPage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Commands and views of the awards API. Money is exact: decimals with cents, never floating point. */
public final class AwardMessages {
    private AwardMessages() {
    }

    @Serdeable
    public record AwardCreateCommand(
            @NotNull UUID jurisdictionId,
            @NotNull UUID programId,
            @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
            @NotBlank @Pattern(regexp = "[0-9]{4}-[A-Z0-9]{2}-[A-Z0-9]{2}-[0-9]{4}", message = "must look like 2017-DJ-BX-0775") String awardNumber,
            /** Zero for in-kind programs such as the Public Safety Partnership (training, not money). */
            @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate awardDate,
            @Nullable @Size(max = 50) List<@NotNull UUID> conditionIds,
            /** When certifications are due, in the jurisdiction's local time; default: the acceptance deadline at 23:59. */
            @Nullable @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate certificationDueDate,
            @Nullable LocalTime certificationDueTime) {
    }

    @Serdeable
    public record TransitionCommand(@NotNull AwardStatus status, @Nullable @Size(max = 1000) String reason) {
    }

    @Serdeable
    public record DeadlineCommand(@NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate acceptanceDeadline, @NotBlank @Size(max = 1000) String reason) {
    }

    @Serdeable
    public record MoneyCommand(@NotNull MoneyMovement.MovementKind kind,
                               @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                               @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate date,
                               @NotBlank @Size(max = 1000) String reason) {
    }

    @Serdeable
    public record MoneyView(UUID id, MoneyMovement.MovementKind kind, BigDecimal amount, LocalDate date, String reason,
                            String recordedBy, Instant recordedAt) {

        static MoneyView of(MoneyMovement m) {
            return new MoneyView(m.id(), m.kind(), m.amount(), m.movementDate(), m.reason(), m.recordedBy(), m.recordedAt());
        }
    }
}
