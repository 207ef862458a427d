package org.grantline.grants.bulk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.grants.api.RequirementStatus;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.input.InDateRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

public final class BulkMessages {
    private BulkMessages() {
    }

    /** EXTEND and WAIVE change the deadline; REMIND sends the jurisdiction a reminder now (a DOJ message on the thread). */
    public enum Action { EXTEND, WAIVE, REMIND }

    /** The deadline list's own filters (as {@code GET /api/certifications/requirements} takes them). */
    @Serdeable
    public record RequirementFilter(@Nullable UUID awardId, @Nullable UUID jurisdictionId, @Nullable UUID programId,
                                    @Nullable @Min(2000) @Max(2100) Integer fiscalYear,
                                    @Nullable @Pattern(regexp = "[A-Z]{2}") String state,
                                    @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") RequirementStatus status,
                                    @Nullable @InDateRange @Schema(description = DateRange.INSTANT) Instant dueFrom,
                                    @Nullable @InDateRange @Schema(description = DateRange.INSTANT) Instant dueTo) {
    }

    @Serdeable
    public record CountView(int count) {
    }

    /**
     * Act on every requirement the filter matches. {@code expectedCount} is the count the user
     * confirmed: if the list changed since, nothing is done (409). {@code reason}: one for all
     * (required to extend or waive); for REMIND an optional note added to each reminder.
     */
    @Serdeable
    public record BulkCommand(@NotNull @Valid RequirementFilter filter, @NotNull Action action, @NotNull @Min(0) Integer expectedCount,
                              @Nullable @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate deadlineDate,
                              @Nullable LocalTime deadlineTime,
                              @Nullable @Size(max = 1000) String reason) {
    }

    @Serdeable
    public record Refusal(UUID id, String reason) {
    }

    @Serdeable
    public record JobView(UUID id, Action action, int matched, int changed, int refused, List<UUID> changedIds,
                          List<Refusal> refusals, String requestedBy, Instant startedAt, Instant finishedAt) {
    }
}
