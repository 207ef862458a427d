package org.grantline.bench.floor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

import java.net.URI;

/** The cheapest forward: the request as it came, to one upstream, through ProxyHttpClient. */
@Filter("/**")
@Requires(property = "floor.mode", value = "proxy")
class ForwardFilter implements HttpServerFilter {
    private final ProxyHttpClient proxy;
    private final URI upstream;

    ForwardFilter(ProxyHttpClient proxy, @Value("${floor.upstream}") URI upstream) {
        this.proxy = proxy;
        this.upstream = upstream;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return proxy.proxy(request.mutate()
                .uri(b -> b.scheme(upstream.getScheme()).host(upstream.getHost()).port(upstream.getPort())));
    }
}
