package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;

/** {@code requirements}: how many of the named ones were planned (the others are unknown or outside the window). */
@Serdeable
public record ChangesResult(int requirements, int planned, int stopped) {
}
