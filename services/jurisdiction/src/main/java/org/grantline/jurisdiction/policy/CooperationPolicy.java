package org.grantline.jurisdiction.policy;

import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.FacilityAccess;
import org.grantline.jurisdiction.api.Section1373Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One recorded version of a jurisdiction's cooperation policy. Never updated: a change is a new row. */
@MappedEntity("cooperation_policy")
public record CooperationPolicy(@Id UUID id,
                                UUID jurisdictionId,
                                LocalDate effectiveDate,
                                boolean sanctuary,
                                DetainerPolicy detainerPolicy,
                                FacilityAccess facilityAccess,
                                boolean releaseNotice,
                                @MappedProperty("section1373") Section1373Position section1373,
                                @Nullable String documentIds,
                                @Nullable String notes,
                                String recordedBy,
                                Instant recordedAt) {
}
