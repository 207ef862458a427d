package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

/** The reference check other GrantLine services make (role SERVICE) before they file something under grants' ids. */
public final class ReferenceMessages {
    private ReferenceMessages() {
    }

    /** Are these the jurisdiction's own award, requirement and submission, and do they belong together? */
    @Serdeable
    public record ReferenceCheck(@NotNull UUID jurisdictionId, @Nullable UUID awardId, @Nullable UUID requirementId,
                                 @Nullable UUID submissionId) {
    }

    /**
     * OK; MISSING (no such record); FOREIGN (another jurisdiction's); MISMATCH (the jurisdiction's,
     * but not of the award or requirement named beside it).
     */
    @Serdeable
    public enum Status {
        OK, MISSING, FOREIGN, MISMATCH
    }

    /** One answer per id given, named by its field. */
    @Serdeable
    public record ReferenceResult(String field, UUID id, Status status) {
    }

    @Serdeable
    public record ReferenceAnswer(List<ReferenceResult> references) {
    }
}
