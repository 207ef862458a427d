package org.grantline.grants.program;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.UUID;

@Serdeable
public record SolicitationView(UUID id, UUID programId, int fiscalYear, SolicitationKind kind, String title,
                               LocalDate applicationDue) {

    static SolicitationView of(Solicitation s) {
        return new SolicitationView(s.id(), s.programId(), s.fiscalYear(), s.kind(), s.title(), s.applicationDue());
    }
}
