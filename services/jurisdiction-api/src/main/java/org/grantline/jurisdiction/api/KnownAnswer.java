package org.grantline.jurisdiction.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.UUID;

/** Each id asked, either known or unknown. */
@Serdeable
public record KnownAnswer(List<UUID> known, List<UUID> unknown) {
}
