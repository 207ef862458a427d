package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** At most {@value #MAX_IDS} ids: the requirements a change announcement named. */
@Serdeable
public record FeedItemsQuery(@NotNull @Size(min = 1, max = MAX_IDS) List<@NotNull UUID> ids) {
    public static final int MAX_IDS = 500;
}
