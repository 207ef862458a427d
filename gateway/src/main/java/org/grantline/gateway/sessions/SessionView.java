package org.grantline.gateway.sessions;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** One active sign-in session: the device and address that last used it, and when. */
@Serdeable
@Introspected
public record SessionView(UUID sessionId, Instant lastUsedAt, @Nullable String userAgent, @Nullable String sourceAddress,
                          boolean current) {
    SessionView withCurrent(boolean isCurrent) {
        return new SessionView(sessionId, lastUsedAt, userAgent, sourceAddress, isCurrent);
    }
}
