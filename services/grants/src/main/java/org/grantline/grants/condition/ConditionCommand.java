package org.grantline.grants.condition;

import org.grantline.grants.api.SignerRole;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Adds a condition to a program's catalogue for a fiscal year, or replaces one's fields. */
@Serdeable
public record ConditionCommand(
        @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9_.-]{0,39}", message = "1 to 40 upper-case letters, digits, dots, dashes or underscores") String code,
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 20_000) String fullText,
        @NotNull Boolean needsCertification,
        @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") SignerRole signerRole) {
}
