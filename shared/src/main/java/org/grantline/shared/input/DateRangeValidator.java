package org.grantline.shared.input;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link InDateRange}. */
@Singleton
public class DateRangeValidator implements ConstraintValidator<InDateRange, Object> {
    @Override
    public boolean isValid(Object value, AnnotationValue<InDateRange> annotation, ConstraintValidatorContext context) {
        return value == null || DateRange.contains(value);
    }
}
