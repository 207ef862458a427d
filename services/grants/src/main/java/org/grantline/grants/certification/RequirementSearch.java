package org.grantline.grants.certification;

import org.grantline.grants.api.RequirementStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.input.InDateRange;

import java.time.Instant;
import java.util.UUID;

/** Filters of the requirement list; every one optional. Officials are always held to their own jurisdiction. */
@Introspected
public record RequirementSearch(
        @Nullable @QueryValue UUID awardId,
        @Nullable @QueryValue UUID jurisdictionId,
        @Nullable @QueryValue UUID programId,
        @Nullable @QueryValue @Min(2000) @Max(2100) Integer fiscalYear,
        @Nullable @QueryValue @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter upper-case state code") String state,
        @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") RequirementStatus status,
        /** Deadlines at or after this instant. */
        @Nullable @QueryValue @InDateRange @Schema(description = DateRange.INSTANT) Instant dueFrom,
        /** Deadlines before this instant. */
        @Nullable @QueryValue @InDateRange @Schema(description = DateRange.INSTANT) Instant dueTo,
        @Nullable @QueryValue @Min(0) Integer page,
        @Nullable @QueryValue @Min(1) @Max(500) Integer size) {

    int pageOrDefault() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? 100 : size;
    }

    RequirementSearch heldTo(UUID jurisdiction) {
        return new RequirementSearch(awardId, jurisdiction, programId, fiscalYear, state, status, dueFrom, dueTo, page, size);
    }
}
