package org.grantline.documents.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The requests and answers of {@link DocumentLinkOperations}. */
public final class LinkMessages {
    private LinkMessages() {
    }

    /** Do these documents exist, with bytes, and belong to this jurisdiction? */
    @Serdeable
    public record CheckCommand(@NotNull UUID jurisdictionId, @NotEmpty @Size(max = 50) List<@NotNull UUID> documentIds) {
    }

    /** One document's finding; {@code currentVersion} only when it has one. */
    @Serdeable
    public record CheckResult(UUID documentId, CheckStatus status, @Nullable Integer currentVersion) {
    }

    /** One result per distinct id asked; {@code allOk} when every one is OK. */
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
