package org.grantline.gateway.mail;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A notice to a person about their own account; mirrors notifications' {@code AccountEmailCommand}. */
@Serdeable
public record AccountMail(Kind kind, UUID userId, String to, String displayName, String username, String by, Instant at) {
    public enum Kind {
        SECOND_FACTOR_RESET
    }
}
