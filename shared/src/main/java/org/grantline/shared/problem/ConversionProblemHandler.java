package org.grantline.shared.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.grantline.shared.input.DateRange;
import org.grantline.shared.input.StrictJson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * A value that could not be converted — a JSON body {@link StrictJson} refused, a query or path value
 * of the wrong form — as a 400 validation problem naming the field and saying what it must be, in
 * words: never the converter's message, which names Java classes.
 */
@Singleton
@Produces
@Replaces(ConversionErrorHandler.class)
public class ConversionProblemHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> processor;

    public ConversionProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        ProblemException problem = refused(exception)
                .orElseGet(() -> Problems.invalid(exception.getArgument().getName(), expected(exception.getArgument().getType())));
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.badRequest());
    }

    private static java.util.Optional<ProblemException> refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StrictJson.Refused refused) {
                return java.util.Optional.of(Problems.invalid(refused.field(), refused.reason()));
            }
        }
        return java.util.Optional.empty();
    }

    static String expected(Class<?> type) {
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD) " + DateRange.TEXT;
        }
        if (type == Instant.class) {
            return "must be an instant such as 2017-08-18T21:00:00Z, " + DateRange.TEXT;
        }
        if (type == LocalTime.class) {
            return "must be a time of day (HH:MM)";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class) {
            return "must be a number";
        }
        return "could not be read: check the JSON type of each field";
    }
}
