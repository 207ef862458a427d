package org.grantline.grants.certification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

public final class SubmissionMessages {
    private SubmissionMessages() {
    }

    /** A signed certification: who signs, the attestation they agreed to, and the documents it rests on. */
    @Serdeable
    public record SubmissionCommand(@NotBlank @Size(max = 200) String signerName,
                                    @NotBlank @Size(max = 200) String signerTitle,
                                    @NotBlank @Size(max = 10_000) String attestation,
                                    @NotNull @AssertTrue(message = "the signer must agree to the attestation") Boolean agreed,
                                    @NotEmpty @Size(max = 20) List<@NotNull UUID> documentIds) {
    }

    @Serdeable
    public record DecisionCommand(@NotNull Submission.Decision decision, @Nullable @Size(max = 2000) String reason) {
    }

    @Serdeable
    public record SubmissionView(UUID id, UUID requirementId, String signerUsername, String signerName, String signerTitle,
                                 String attestation, List<UUID> documentIds, String clientIp, @Nullable String forwardedFor,
                                 Instant submittedAt, @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") Submission.Decision decision, @Nullable String decisionReason,
                                 @Nullable String decidedBy, @Nullable Instant decidedAt) {

        static SubmissionView of(Submission s) {
            return new SubmissionView(s.id(), s.requirementId(), s.signerUsername(), s.signerName(), s.signerTitle(),
                    s.attestation(), Arrays.stream(s.documentIds().split(",")).map(UUID::fromString).toList(),
                    s.clientIp(), s.forwardedFor(), s.submittedAt(), s.decision(), s.decisionReason(), s.decidedBy(),
                    s.decidedAt());
        }
    }
}
