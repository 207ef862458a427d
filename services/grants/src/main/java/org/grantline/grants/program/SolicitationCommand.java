package org.grantline.grants.program;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;

import java.time.LocalDate;

@Serdeable
public record SolicitationCommand(@NotNull @Min(2000) @Max(2100) Integer fiscalYear,
                                  @NotNull SolicitationKind kind,
                                  @NotBlank @Size(max = 300) String title,
                                  @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate applicationDue) {
}
