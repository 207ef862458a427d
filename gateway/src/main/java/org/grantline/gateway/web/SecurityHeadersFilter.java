package org.grantline.gateway.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Security headers on every answer of the gateway, the web app's pages above all: a strict
 * Content-Security-Policy (scripts, styles, data and connections from this origin only; no inline
 * script or style, no framing, no plugins), no sniffing, no referrer, no framing. (What may be
 * cached: shared's {@code NoStoreFilter}.) A header a service already set is left alone.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements HttpServerFilter {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Publishers.map(chain.proceed(request), response -> {
            MutableHttpHeaders headers = response.getHeaders();
            setIfAbsent(headers, "Content-Security-Policy", CSP);
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "Referrer-Policy", "no-referrer");
            setIfAbsent(headers, "Cross-Origin-Opener-Policy", "same-origin");
            setIfAbsent(headers, "Cross-Origin-Resource-Policy", "same-origin");
            setIfAbsent(headers, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
            setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            return response;
        });
    }

    private static void setIfAbsent(MutableHttpHeaders headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
