package org.grantline.jurisdiction.policy;

import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.FacilityAccess;
import org.grantline.jurisdiction.api.Section1373Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Records a new version of a jurisdiction's policy, in force from {@code effectiveDate}. */
@Serdeable
public record PolicyCommand(@NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate effectiveDate,
                            @NotNull Boolean sanctuary,
                            @NotNull DetainerPolicy detainerPolicy,
                            @NotNull FacilityAccess facilityAccess,
                            @NotNull Boolean releaseNotice,
                            @NotNull Section1373Position section1373,
                            @Nullable @Size(max = 50) List<@NotNull UUID> documentIds,
                            @Nullable @Size(max = 4000) String notes) {
}
