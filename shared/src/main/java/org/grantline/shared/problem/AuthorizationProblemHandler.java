package org.grantline.shared.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * 401 and 403 as problems that say what is wrong, without echoing anything of the token.
 * An API never redirects to a login page.
 */
@Singleton
@Produces
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public AuthorizationProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return processor.processResponse(ErrorContext.builder(request)
                    .cause(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                            "Your role does not allow this request")).build(), HttpResponse.status(HttpStatus.FORBIDDEN));
        }
        MutableHttpResponse<?> response = processor.processResponse(ErrorContext.builder(request)
                .cause(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "A valid bearer token is required")).build(), HttpResponse.unauthorized());
        return response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
