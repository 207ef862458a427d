package org.grantline.grants.court;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public final class CourtOrderMessages {
    private CourtOrderMessages() {
    }

    @Serdeable
    public record CourtOrderCommand(@NotBlank @Size(max = 300) String caseName,
                                    @NotBlank @Size(max = 100) String caseNumber,
                                    @NotBlank @Size(max = 200) String court,
                                    @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate orderDate,
                                    @NotNull CourtOrder.OrderScope scope,
                                    @Nullable @Pattern(regexp = "[A-Z]{2}") String scopeState,
                                    @Nullable @Size(max = 200) String organisation,
                                    @Nullable @Size(max = 5000) List<@NotNull UUID> jurisdictionIds,
                                    @NotEmpty @Size(max = 50) List<@NotNull UUID> conditionIds,
                                    @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate inForceFrom,
                                    @Nullable @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate inForceTo) {
    }

    @Serdeable
    public record LiftCommand(@NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate liftedOn, @NotBlank @Size(max = 1000) String reason) {
    }

    @Serdeable
    public record CourtOrderView(UUID id, String caseName, String caseNumber, String court, LocalDate orderDate,
                                 CourtOrder.OrderScope scope, @Nullable String scopeState, @Nullable String organisation,
                                 List<UUID> jurisdictionIds, List<UUID> conditionIds, LocalDate inForceFrom,
                                 @Nullable LocalDate inForceTo, @Nullable LocalDate liftedOn, @Nullable String liftedReason,
                                 boolean inForceToday) {
    }
}
