package org.grantline.shared.problem;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures, mapped once for every app ({@link DatabaseConflicts}): races and retries are a
 * {@code 409} problem (logged at INFO: nothing is broken), anything unexpected a 500 whose detail
 * says nothing of the SQL (logged at ERROR with the cause, for the operator).
 */
public final class DataAccessProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DataAccessProblemHandler.class);

    private DataAccessProblemHandler() {
    }

    static HttpResponse<?> handle(ErrorResponseProcessor<?> processor, HttpRequest<?> request, RuntimeException failure) {
        ProblemException problem = DatabaseConflicts.problemFor(failure).orElse(null);
        if (problem == null) {
            LOG.error("Database failure on {} {}", request.getMethodName(), request.getPath(), failure);
            return processor.processResponse(ErrorContext.builder(request).cause(failure).build(),
                    HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
        }
        LOG.info("{} {}: {} ({})", request.getMethodName(), request.getPath(), problem.detail(),
                DatabaseConflicts.sqlState(failure).orElse(failure.getClass().getSimpleName()));
        return processor.processResponse(ErrorContext.builder(request).cause(problem).build(), HttpResponse.status(problem.status()));
    }

    /** Failures while a statement runs. */
    @Singleton
    @Produces
    public static class DataAccess implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public DataAccess(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
            return DataAccessProblemHandler.handle(processor, request, exception);
        }
    }

    /** Failures at commit or rollback. */
    @Singleton
    @Produces
    public static class Transaction implements ExceptionHandler<TransactionException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public Transaction(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, TransactionException exception) {
            return DataAccessProblemHandler.handle(processor, request, exception);
        }
    }
}
