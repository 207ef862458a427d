package org.grantline.grants.program;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
public record ProgramView(UUID id, String code, String name, String agency, @Nullable String description) {

    static ProgramView of(Program p) {
        return new ProgramView(p.id(), p.code(), p.name(), p.agency(), p.description());
    }
}
