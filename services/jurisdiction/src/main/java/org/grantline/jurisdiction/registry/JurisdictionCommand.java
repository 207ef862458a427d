package org.grantline.jurisdiction.registry;

import org.grantline.jurisdiction.api.JurisdictionType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Creates a jurisdiction, or replaces one's fields (PUT). Ids and audit fields are not part of it. */
@Serdeable
public record JurisdictionCommand(
        @NotBlank @Size(max = 200) String name,
        @NotNull JurisdictionType type,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter upper-case state code") String state,
        @NotNull @Pattern(regexp = "\\d{2}|\\d{5}|\\d{7}", message = "must be 2 (state), 5 (county) or 7 (place) digits") String fips,
        @NotBlank @Size(max = 64) String timeZone,
        @Nullable UUID parentId,
        @Nullable @Min(0) @Max(1_000_000_000L) Long population) {
}
