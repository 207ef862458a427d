package org.grantline.jurisdiction.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Which of these ids are jurisdictions? */
@Serdeable
public record KnownQuery(@NotNull @Size(max = 5000) List<@NotNull UUID> ids) {
}
