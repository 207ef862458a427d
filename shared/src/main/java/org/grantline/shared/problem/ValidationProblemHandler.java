package org.grantline.shared.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bean-validation failures as a 400 problem whose {@code errors} name each field the way the
 * client wrote it ({@code fips}, not {@code create.command.fips}).
 */
@Singleton
@Produces
@Replaces(ConstraintExceptionHandler.class)
public class ValidationProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public ValidationProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Map<String, String>> errors = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> fieldOf(v)))
                .map(v -> {
                    Map<String, String> e = new LinkedHashMap<>();
                    e.put("field", fieldOf(v));
                    e.put("message", v.getMessage());
                    return e;
                })
                .toList();
        ProblemException problem = Problems.validation(errors);
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.badRequest());
    }

    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        boolean pastParameter = false;
        String parameterName = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                pastParameter = true;
                parameterName = node.getName();
                continue;
            }
            if (!pastParameter && kind != ElementKind.PROPERTY) {
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (field.length() == 0 && parameterName != null) {
            return parameterName;
        }
        return field.length() == 0 ? violation.getPropertyPath().toString() : field.toString();
    }
}
