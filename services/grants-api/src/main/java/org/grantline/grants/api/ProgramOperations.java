package org.grantline.grants.api;

import io.micronaut.http.annotation.Get;

import java.util.UUID;

/**
 * Grant programs as the other services read them. Grants' {@code ProgramController} implements it
 * under {@link #BASE}; callers use a {@code @Client(id = "grants", path = BASE)} interface that extends it.
 */
public interface ProgramOperations {
    String BASE = "/api/programs";

    /** One program (404 when there is none). */
    @Get("/{id}")
    ProgramView get(UUID id);
}
