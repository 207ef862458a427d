package org.grantline.shared.problem;

import io.micronaut.http.HttpStatus;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Factories for the problems GrantLine answers with, one stable {@code type} per kind of error. */
public final class Problems {
    public static final String TYPE_PREFIX = "urn:grantline:problem:";

    private Problems() {
    }

    public static URI type(String kind) {
        return URI.create(TYPE_PREFIX + kind);
    }

    public static ProblemException of(HttpStatus status, String kind, String title, String detail) {
        return new ProblemException(status, kind, title, detail, Map.of());
    }

    public static ProblemException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String kind, String detail) {
        return of(HttpStatus.CONFLICT, kind, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /**
     * A 409 for a change made from a version the record has left behind (a retry, or someone else's
     * change in between): nothing changed; read it again. {@code expected} null means the client did
     * not say which version it changed, and then nothing is refused.
     */
    public static void requireVersion(Long expected, Long current) {
        if (expected != null && !expected.equals(current)) {
            throw new ProblemException(HttpStatus.CONFLICT, "stale-version", "Conflict",
                    "This was changed from version " + expected + ", but it is at version " + current
                            + " now; nothing was changed. Read it again and retry.", Map.of("currentVersion", current));
        }
    }

    /** A 400 naming the offending field, shaped like the bean-validation problems. */
    public static ProblemException invalid(String field, String message) {
        return validation(List.of(Map.of("field", field, "message", message)));
    }

    /** A 400 with one entry per offending field: {@code {"field": ..., "message": ...}}. */
    public static ProblemException validation(List<Map<String, String>> errors) {
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail,
                Map.of("errors", errors));
    }
}
