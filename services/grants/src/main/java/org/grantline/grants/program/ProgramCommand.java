package org.grantline.grants.program;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Creates a program or replaces its fields. */
@Serdeable
public record ProgramCommand(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,39}", message = "2 to 40 upper-case letters, digits or dashes") String code,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String agency,
        @Nullable @Size(max = 2000) String description) {
}
