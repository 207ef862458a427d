package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.UUID;

/**
 * Awards as the other services read them (notifications names a reminder's award). Grants'
 * {@code AwardController} implements it under {@link #BASE}; callers use a
 * {@code @Client(id = "grants", path = BASE)} interface that extends it. Paths are relative to {@link #BASE}.
 */
public interface AwardOperations {
    String BASE = "/api/awards";

    /** The awards the caller may see (a service: every award), optionally one jurisdiction's, a page at a time. */
    @Get
    AwardPage list(@Nullable @QueryValue UUID jurisdictionId,
                   @QueryValue(defaultValue = "0") @Min(0) int page,
                   @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size);

    /** One award (404 when there is none the caller may see). */
    @Get("/{id}")
    AwardView get(UUID id);
}
