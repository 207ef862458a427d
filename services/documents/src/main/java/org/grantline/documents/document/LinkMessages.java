package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The server-to-server contract the grants service uses (role SERVICE). */
public final class LinkMessages {
    private LinkMessages() {
    }

    /** Do these documents exist, with bytes, and belong to this jurisdiction? */
    @Serdeable
    public record CheckCommand(@NotNull UUID jurisdictionId, @NotEmpty @Size(max = 50) List<@NotNull UUID> documentIds) {
    }

    /** OK, MISSING (unknown, deleted or without bytes), FOREIGN (another jurisdiction's) or CORRUPT. */
    @Serdeable
    public record CheckResult(UUID documentId, String status, @Nullable Integer currentVersion) {
    }

    @Serdeable
    public record CheckAnswer(boolean allOk, List<CheckResult> documents) {
    }

    /** Lock the current version of each document for submission S; repeating it changes nothing. */
    @Serdeable
    public record LockCommand(@NotNull UUID submissionId, @NotNull UUID jurisdictionId,
                              @NotEmpty @Size(max = 50) List<@NotNull UUID> documentIds) {
    }

    @Serdeable
    public record LockView(UUID documentId, int versionNumber, UUID submissionId, Instant lockedAt) {
    }

    @Serdeable
    public record LockAnswer(UUID submissionId, List<LockView> locks) {
    }
}
