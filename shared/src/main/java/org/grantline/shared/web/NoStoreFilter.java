package org.grantline.shared.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code Cache-Control: no-store} on every answer that may carry a token or private data (the
 * API, sign-in, health and metrics), unless the handler chose otherwise. Only public, unchanging
 * files may be kept by a cache: the web app's scripts and styles, the OpenAPI documents, the JWKS.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NoStoreFilter {

    @ResponseFilter
    public void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (path.startsWith("/app/") || path.startsWith("/openapi/") || path.equals("/keys")) {
            return;
        }
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
