package org.grantline.grants.program;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A program's call for applications in one fiscal year, for states or for local governments. */
@MappedEntity("solicitation")
public record Solicitation(@Id UUID id, UUID programId, int fiscalYear, SolicitationKind kind, String title,
                           LocalDate applicationDue, Instant createdAt) {
}
