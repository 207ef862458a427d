package org.grantline.jurisdiction.api;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.input.InDateRange;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Everything a DOJ officer can filter the registry on, in one request: state, type, name
 * (case-insensitive contains), parent, and the fields of the policy in force on {@code asOf}
 * (today by default); sorted and paged.
 */
@Introspected
public record JurisdictionSearch(
        @Nullable @QueryValue @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter upper-case state code") String state,
        @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") JurisdictionType type,
        @Nullable @QueryValue @Size(max = 200) String name,
        @Nullable @QueryValue UUID parentId,
        @Nullable @QueryValue Boolean sanctuary,
        @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") DetainerPolicy detainerPolicy,
        @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") FacilityAccess facilityAccess,
        @Nullable @QueryValue Boolean releaseNotice,
        @Nullable @QueryValue @io.swagger.v3.oas.annotations.media.Schema(type = "string") Section1373Position section1373,
        @Nullable @QueryValue @InDateRange @Schema(description = DateRange.DATE, pattern = DateRange.DATE_PATTERN) LocalDate asOf,
        @Nullable @QueryValue @Pattern(regexp = "(name|fips|state|type|population)(,(asc|desc))?",
                message = "must be name, fips, state, type or population, optionally followed by ,asc or ,desc") String sort,
        @Nullable @QueryValue @Min(0) @Max(100_000) Integer page,
        @Nullable @QueryValue @Min(1) @Max(100) Integer size) {

    public boolean filtersOnPolicy() {
        return sanctuary != null || detainerPolicy != null || facilityAccess != null || releaseNotice != null
                || section1373 != null;
    }

    public int pageOrDefault() {
        return page == null ? 0 : page;
    }

    public int sizeOrDefault() {
        return size == null ? 20 : size;
    }
}
