package org.grantline.shared.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, if it is well-formed), puts it in
 * the logging context ({@link RequestIdLogContext}), echoes it on the response, and writes one access-log line per request
 * (logger {@code grantline.access}; health and metrics polls are left out).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {
    private static final Logger ACCESS = LoggerFactory.getLogger("grantline.access");
    private static final String STARTED = "grantline.startedNanos";

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = RequestIds.takeOrCreate(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new RequestIdLogContext(id));
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        if (id != null) {
            response.getHeaders().set(RequestIds.HEADER, id);
        }
        String path = request.getPath();
        if (ACCESS.isInfoEnabled() && !path.startsWith("/health") && !path.equals("/prometheus")) {
            long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
            ACCESS.info("{} {} {} {}ms request={}", request.getMethod(), path, response.code(),
                    (System.nanoTime() - started) / 1_000_000, id);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
