package org.grantline.jurisdiction.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.UUID;

/**
 * Contacts across jurisdictions, as the notifications service reads them to know whom to write to
 * (services see private contacts). Jurisdiction's {@code ContactController} implements it under
 * {@link JurisdictionOperations#BASE}.
 */
public interface ContactOperations {
    /** Contacts, filtered by jurisdiction and role, a page at a time. */
    @Get("/contacts")
    ContactView.Page search(@Nullable @QueryValue UUID jurisdictionId, @Nullable @QueryValue @Schema(type = "string") ContactRole role,
                            @QueryValue(defaultValue = "0") @Min(0) int page,
                            @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size);
}
