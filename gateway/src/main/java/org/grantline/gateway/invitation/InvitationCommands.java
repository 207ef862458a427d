package org.grantline.gateway.invitation;

import io.micronaut.core.annotation.Nullable;
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

/** Commands and answers of invitations. */
public final class InvitationCommands {
    private InvitationCommands() {
    }

    /** Whom to invite; {@code jurisdictionId} may be left out by an agency administrator (their own). */
    @Serdeable
    public record InvitationCreateCommand(
            @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
                    message = "3 to 64 lower-case letters, digits, dots, dashes or underscores") String username,
            @NotBlank @Size(max = 200) String displayName,
            @NotEmpty List<@NotBlank String> roles,
            @Nullable UUID jurisdictionId) {
    }

    /** The token from the email's link. */
    @Serdeable
    public record InvitationTokenCommand(@NotBlank @Size(max = 200) String token) {
        @Override
        public String toString() {
            return "InvitationTokenCommand[]";
        }
    }

    /** Accepting: the token and the new account's password (the same rules as every password). */
    @Serdeable
    public record InvitationAcceptCommand(@NotBlank @Size(max = 200) String token,
                                          @NotNull @Size(min = 12, max = 72, message = "must be 12 to 72 characters (and at most 72 bytes)")
                                          String password) {
        @Override
        public String toString() {
            return "InvitationAcceptCommand[]";
        }
    }

    /** What the invitee sees before choosing a password. */
    @Serdeable
    public record InvitationPreview(String username, String displayName, String email, List<String> roles,
                                    UUID jurisdictionId, Instant expiresAt) {
    }
}
