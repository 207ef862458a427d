package org.grantline.jurisdiction.facility;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Creates a facility, or replaces one's fields; a replacement may name the {@code version} it was made from (see contacts). */
@Serdeable
public record FacilityCommand(@NotBlank @Size(max = 200) String name,
                              @NotNull UUID operatorId,
                              @NotNull FacilityKind kind,
                              @Nullable @Min(0) @Max(1_000_000) Integer capacity,
                              @Nullable @Min(0) Long version) {
}
