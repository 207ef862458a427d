package org.grantline.shared.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import org.grantline.shared.web.RequestIds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders every error response of the app — ours and Micronaut's own (404 route, 405, 415, bad
 * JSON, 401/403) — as {@code application/problem+json}, with extension members at the top level
 * and the request id to quote. A 5xx never shows internal messages.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        Map<String, Object> body = new LinkedHashMap<>();
        ProblemException problem = context.getRootCause()
                .filter(ProblemException.class::isInstance).map(ProblemException.class::cast).orElse(null);
        if (problem != null) {
            body.put("type", Problems.type(problem.kind()).toString());
            body.put("title", problem.title());
            body.put("status", status.getCode());
            body.put("detail", problem.detail());
            body.putAll(problem.extensions());
        } else {
            body.put("type", Problems.type(kindOf(status)).toString());
            body.put("title", status.getReason());
            body.put("status", status.getCode());
            body.put("detail", status.getCode() >= 500 ? "The request could not be completed. Quote the request id when reporting this."
                    : detail(context, status));
            List<Map<String, String>> fields = context.getErrors().stream()
                    .filter(e -> e.getPath().isPresent())
                    .map(e -> Map.of("field", e.getPath().get(), "message", e.getMessage()))
                    .toList();
            if (!fields.isEmpty() && status.getCode() < 500) {
                body.put("errors", fields);
            }
        }
        String requestId = RequestIds.of(context.getRequest());
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    private static String detail(ErrorContext context, HttpStatus status) {
        String messages = context.getErrors().stream().map(Error::getMessage)
                .reduce((a, b) -> a + "; " + b).orElse(null);
        return messages != null ? messages : status.getReason();
    }

    static String kindOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "payload-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case UNPROCESSABLE_ENTITY -> "unprocessable";
            case TOO_MANY_REQUESTS -> "too-many-requests";
            case SERVICE_UNAVAILABLE -> "service-unavailable";
            case GATEWAY_TIMEOUT -> "gateway-timeout";
            case BAD_GATEWAY -> "bad-gateway";
            default -> status.getCode() >= 500 ? "internal" : "http-" + status.getCode();
        };
    }
}
