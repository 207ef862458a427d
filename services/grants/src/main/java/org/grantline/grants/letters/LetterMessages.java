package org.grantline.grants.letters;

import org.grantline.grants.api.SignerRole;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.FacilityAccess;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.Section1373Position;
import org.grantline.shared.input.DateRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

public final class LetterMessages {
    private LetterMessages() {
    }

    /** The registry's own filters (combined with AND); a named list of jurisdictions narrows them, or stands alone. */
    @Serdeable
    public record RecipientFilter(@Nullable @Pattern(regexp = "[A-Z]{2}") String state,
                                  @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") JurisdictionType type,
                                  @Nullable @Size(max = 5000) List<@NotNull UUID> jurisdictionIds,
                                  @Nullable Boolean sanctuary,
                                  @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") DetainerPolicy detainerPolicy,
                                  @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") FacilityAccess facilityAccess,
                                  @Nullable Boolean releaseNotice,
                                  @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") Section1373Position section1373) {

        boolean registryFilters() {
            return state != null || type != null || sanctuary != null || detainerPolicy != null || facilityAccess != null
                    || releaseNotice != null || section1373 != null;
        }
    }


    @Serdeable
    public record QuestionCommand(@NotBlank @Size(max = 2000) String text, @NotNull SignerRole signerRole) {
    }

    @Serdeable
    public record LetterCommand(@NotBlank @Size(max = 300) String subject,
                                @NotBlank @Size(max = 20000) String body,
                                @NotEmpty @Size(max = 50) List<@Valid @NotNull QuestionCommand> questions,
                                @Nullable @Size(max = 20) List<@NotNull UUID> documentIds,
                                @NotNull @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate deadlineDate,
                                @Nullable LocalTime deadlineTime,
                                @NotNull @Valid RecipientFilter recipients) {
    }

    @Serdeable
    public record Recipient(UUID id, String name, @Nullable String state, String timeZone) {
    }

    @Serdeable
    public record RecipientsView(int count, List<Recipient> recipients) {
    }

    @Serdeable
    public record QuestionView(UUID id, int position, String text, SignerRole signerRole) {
    }

    @Serdeable
    public record LetterView(UUID id, String subject, String body, List<QuestionView> questions, List<UUID> documentIds,
                             LocalDate deadlineDate, LocalTime deadlineTime, DemandLetter.Status status, String sentBy,
                             Instant sentAt, @Nullable String closedBy, @Nullable Instant closedAt, int recipients,
                             int answered, int late, int accepted, @Nullable List<DemandView> demands) {
    }

    @Serdeable
    public record AnswerView(UUID id, UUID questionId, int round, String text, List<UUID> documentIds, String answeredBy,
                             String answeredRole, @Nullable String signerName, @Nullable String signerTitle,
                             @Nullable String attestation, Instant answeredAt) {
    }

    @Serdeable
    public record DemandView(UUID id, UUID letterId, String subject, UUID jurisdictionId, String jurisdictionName,
                             @Nullable String jurisdictionState, Instant deadline, LocalDate deadlineLocalDate,
                             LocalTime deadlineLocalTime, String timeZone, Demand.Status status, boolean late, int round,
                             @Nullable String dojNote, @Nullable String decidedBy, @Nullable Instant decidedAt,
                             @Nullable List<AnswerView> answers) {
    }

    /** The letter as its recipient reads it, with its own demand only. */
    @Serdeable
    public record DemandDetail(DemandView demand, LetterView letter) {
    }

    @Serdeable
    public record AnswerItem(@NotNull UUID questionId, @NotBlank @Size(max = 20000) String text,
                             @Nullable @Size(max = 20) List<@NotNull UUID> documentIds) {
    }

    /** Answers to some or all questions; a question that needs a signature is signed by the legal officer. */
    @Serdeable
    public record AnswerCommand(@NotEmpty @Size(max = 50) List<@Valid @NotNull AnswerItem> answers,
                                @Nullable @Size(max = 200) String signerName,
                                @Nullable @Size(max = 200) String signerTitle,
                                @Nullable @Size(max = 10000) String attestation,
                                @Nullable Boolean agreed) {
    }

    public enum Decision { ACCEPTED, MORE_REQUESTED }

    @Serdeable
    public record DecisionCommand(@NotNull Decision decision, @Nullable @Size(max = 2000) String note) {
    }

    @Serdeable
    public record CloseCommand(@Nullable @Size(max = 2000) String reason) {
    }
}
