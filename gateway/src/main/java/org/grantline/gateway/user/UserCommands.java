package org.grantline.gateway.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Commands of the admin API. */
public final class UserCommands {
    private UserCommands() {
    }

    @Serdeable
    public record UserCreateCommand(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
                    message = "3 to 64 lower-case letters, digits, dots, dashes or underscores") String username,
            @NotBlank @Size(max = 200) String displayName,
            @Nullable @Email @Size(max = 320) String email,
            @NotNull @Size(min = 12, max = 72, message = "must be 12 to 72 characters (and at most 72 bytes)") String password,
            @NotEmpty List<@NotBlank String> roles,
            @Nullable UUID jurisdictionId) {
    }

    /** A user's own password change; the new one 12 to 72 characters, at most 72 bytes. */
    @Serdeable
    public record PasswordChangeCommand(@NotBlank @Size(max = 200) String currentPassword,
                                        @NotNull @Size(min = 12, max = 72, message = "must be 12 to 72 characters (and at most 72 bytes)")
                                        String newPassword) {
        @Override
        public String toString() {
            return "PasswordChangeCommand[]";
        }
    }

    /** New roles and binding; {@code version}, when given, is the user's version they were chosen from (else a 409). */
    @Serdeable
    public record UserRolesCommand(@NotEmpty List<@NotBlank String> roles, @Nullable UUID jurisdictionId,
                                   @Nullable @Min(0) Long version) {
    }
}
