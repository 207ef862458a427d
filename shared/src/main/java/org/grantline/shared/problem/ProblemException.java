package org.grantline.shared.problem;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/**
 * An error the client should see as an RFC 7807 problem: a status, a stable kind (rendered as the
 * {@code type} URI), a title, a detail sentence and optional extension members. Cheap to throw:
 * it carries no stack trace.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final transient Map<String, Object> extensions;

    public ProblemException(HttpStatus status, String kind, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
