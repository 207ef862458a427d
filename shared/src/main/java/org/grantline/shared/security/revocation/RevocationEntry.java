package org.grantline.shared.security.revocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the gateway's revocation list. With a {@code sessionId}: every token of that sign-in
 * session ({@code sid} claim) is refused (the user signed out). With a {@code minVersion}: every
 * token of that subject whose {@code ver} claim is lower is refused (disabled, re-bound, password
 * changed). The gateway keeps a line until the last token it can apply to has expired.
 */
@Serdeable
public record RevocationEntry(String subject, @Nullable UUID sessionId, @Nullable Long minVersion, Instant expiresAt) {
}
