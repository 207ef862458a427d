package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The requirements that changed (at most {@value #MAX_IDS}): only ids travel, their state is read back from grants' feed. */
@Serdeable
public record ChangesCommand(@NotNull @Size(min = 1, max = MAX_IDS) List<@NotNull UUID> requirementIds) {
    public static final int MAX_IDS = 500;
}
