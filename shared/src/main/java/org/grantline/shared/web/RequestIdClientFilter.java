package org.grantline.shared.web;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.context.ServerRequestContext;

/** Carries the current request's id onto calls this service makes to other services. */
@ClientFilter(ClientFilter.MATCH_ALL_PATTERN)
public class RequestIdClientFilter {

    @RequestFilter
    public void propagate(MutableHttpRequest<?> outgoing) {
        if (outgoing.getHeaders().contains(RequestIds.HEADER)) {
            return;
        }
        ServerRequestContext.currentRequest()
                .map(RequestIds::of)
                .ifPresent(id -> outgoing.header(RequestIds.HEADER, id));
    }
}
