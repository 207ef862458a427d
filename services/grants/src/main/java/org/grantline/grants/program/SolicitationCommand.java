package org.grantline.grants.program;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

@Serdeable
public record SolicitationCommand(@NotNull @Min(2000) @Max(2100) Integer fiscalYear,
                                  @NotNull SolicitationKind kind,
                                  @NotBlank @Size(max = 300) String title,
                                  @NotNull LocalDate applicationDue) {
}
