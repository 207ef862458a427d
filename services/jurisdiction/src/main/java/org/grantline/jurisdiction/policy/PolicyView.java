package org.grantline.jurisdiction.policy;

import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.FacilityAccess;
import org.grantline.jurisdiction.api.Section1373Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Serdeable
public record PolicyView(UUID id, UUID jurisdictionId, LocalDate effectiveDate, boolean sanctuary,
                         DetainerPolicy detainerPolicy, FacilityAccess facilityAccess, boolean releaseNotice,
                         Section1373Position section1373, List<UUID> documentIds, @Nullable String notes,
                         String recordedBy, Instant recordedAt) {

    static PolicyView of(CooperationPolicy p) {
        List<UUID> documents = p.documentIds() == null || p.documentIds().isBlank() ? List.of()
                : Arrays.stream(p.documentIds().split(",")).map(UUID::fromString).toList();
        return new PolicyView(p.id(), p.jurisdictionId(), p.effectiveDate(), p.sanctuary(), p.detainerPolicy(),
                p.facilityAccess(), p.releaseNotice(), p.section1373(), documents, p.notes(), p.recordedBy(),
                p.recordedAt());
    }
}
