package org.grantline.grants.program;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("program")
public record Program(@Id UUID id, String code, String name, String agency, @Nullable String description,
                     Instant createdAt, Instant updatedAt) {
}
