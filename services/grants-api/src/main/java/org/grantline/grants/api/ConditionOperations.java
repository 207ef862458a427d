package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;
import java.util.UUID;

/**
 * A program's conditions as the other services read them. Grants' {@code ConditionController}
 * implements it under {@link #BASE}; callers use a {@code @Client(id = "grants", path = BASE)}
 * interface that extends it.
 */
public interface ConditionOperations {
    /** The same base as {@link ProgramOperations}: a client's base path cannot hold a URI variable. */
    String BASE = "/api/programs";
    String CONDITIONS = "/{programId}/conditions";

    /** The program's conditions, optionally for one fiscal year (404 when there is no such program). */
    @Get(CONDITIONS)
    List<ConditionView> list(UUID programId, @Nullable @QueryValue @Min(2000) @Max(2100) Integer fiscalYear);
}
