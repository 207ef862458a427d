package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * The gateway asks for a notice about a person's own account, sent at once. {@code userId} is the
 * account's id (the audit entity), {@code by} the administrator who acted, {@code at} when.
 */
@Serdeable
public record AccountEmailCommand(@NotNull Kind kind,
                                  @NotNull UUID userId,
                                  @NotBlank @Email @Size(max = 320) String to,
                                  @NotBlank @Size(max = 200) String displayName,
                                  @NotBlank @Size(max = 64) String username,
                                  @NotBlank @Size(max = 200) String by,
                                  @NotNull Instant at) {
    /** What happened to the account. */
    public enum Kind {
        /** An administrator removed the user's authenticator and recovery codes and ended their sessions. */
        SECOND_FACTOR_RESET
    }
}
