package org.grantline.jurisdiction.api;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import jakarta.validation.Valid;

import java.util.UUID;

/**
 * The jurisdiction registry as the other services read it. Jurisdiction's {@code JurisdictionController}
 * implements it under {@link #BASE}; callers use a {@code @Client(id = "jurisdiction", path = BASE)}
 * interface that extends it. Paths are relative to {@link #BASE}.
 */
public interface JurisdictionOperations {
    String BASE = "/api/jurisdictions";

    /** Search: state, type, name (contains, any case), parent, and the fields of the policy in force. */
    @Get
    JurisdictionPage list(@Valid @RequestBean JurisdictionSearch search);

    /** One jurisdiction (404 when there is none). */
    @Get("/{id}")
    JurisdictionView get(UUID id);

    /** Which of these ids are jurisdictions (role SERVICE, DOJ officers and admins). */
    @Post("/known")
    KnownAnswer known(@Body @Valid KnownQuery query);
}
