package org.grantline.grants.certification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;

import java.time.LocalDate;
import java.time.LocalTime;

/** A new deadline, in the jurisdiction's local date and time (default 23:59), and why. */
@Serdeable
public record ExtensionCommand(@NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate deadlineDate, @Nullable LocalTime deadlineTime,
                               @NotBlank @Size(max = 1000) String reason) {
}
