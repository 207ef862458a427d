package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** One grant program, as grants answers {@code GET /api/programs/{id}} ({@link ProgramOperations}). */
@Serdeable
public record ProgramView(UUID id, String code, String name, String agency, @Nullable String description) {
}
