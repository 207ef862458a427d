package org.grantline.jurisdiction.contact;

import org.grantline.jurisdiction.api.ContactRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Adds or replaces a contact. The jurisdiction comes from the path only. A replacement may name the
 * {@code version} it was made from: when the contact has moved on since, it is a 409 and nothing changes.
 */
@Serdeable
public record ContactCommand(@NotBlank @Size(max = 200) String name,
                             @NotNull ContactRole role,
                             @Nullable @Size(max = 200) String title,
                             @NotBlank @Email @Size(max = 320) String email,
                             @Nullable @Pattern(regexp = "[+0-9 ()./x-]{5,40}", message = "must be a phone number") String phone,
                             @Nullable @Min(0) Long version) {
}
