package org.grantline.notifications.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The gateway asks for an invitation email: to whom, for which account, and the single-use token
 * the link carries (the link is built here from {@code grantline.notifications.app-url}).
 */
@Serdeable
public record InvitationEmailCommand(@NotNull UUID invitationId,
                                     @NotBlank @Email @Size(max = 320) String to,
                                     @NotBlank @Size(max = 200) String displayName,
                                     @NotBlank @Size(max = 64) String username,
                                     @NotEmpty List<@NotBlank @Size(max = 40) String> roles,
                                     @NotBlank @Size(max = 200) String invitedBy,
                                     @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{32,128}") String token,
                                     @NotNull Instant expiresAt) {
    @Override
    public String toString() {
        return "InvitationEmailCommand[" + invitationId + "]";   // never the token in a log
    }
}
