package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;

/** {@code created}: false when this message had been announced already (nothing changed). */
@Serdeable
public record NoticeResult(boolean created) {
}
