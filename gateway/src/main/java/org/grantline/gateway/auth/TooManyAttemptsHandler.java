package org.grantline.gateway.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A throttled sign-in: the problem+json 429, with {@code Retry-After} in seconds. */
@Singleton
@Produces
public class TooManyAttemptsHandler implements ExceptionHandler<SignInThrottle.TooManyAttempts, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public TooManyAttemptsHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SignInThrottle.TooManyAttempts exception) {
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(exception.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds())));
    }
}
