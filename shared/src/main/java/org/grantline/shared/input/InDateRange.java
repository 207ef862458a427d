package org.grantline.shared.input;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A date or instant in a query, path or header value lies in {@link DateRange} (JSON bodies are held
 * to it by {@link StrictJson} already). Validated by {@link DateRangeValidator}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE, ElementType.RECORD_COMPONENT})
@Constraint(validatedBy = {})
public @interface InDateRange {
    String message() default "must be " + DateRange.TEXT;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
