package org.grantline.shared.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateways a service asks for its own token and for the revocation list
 * ({@code grantline.gateway-url}, {@code GRANTLINE_GATEWAY_URL}): one URL, or several separated by
 * commas (every gateway replica serves both, from the shared database). Callers try them in
 * {@link #inTurn()} order, which starts with the one that answered last, so with one gateway down
 * every call still finds another at once instead of waiting for that one to come back.
 */
@Singleton
public class GatewayUrls {
    private final List<URI> urls;
    private final AtomicInteger preferred = new AtomicInteger();

    public GatewayUrls(@Value("${grantline.gateway-url:}") String configured) {
        this.urls = Arrays.stream(configured.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    /** Every gateway, the last one that answered first. */
    public List<URI> inTurn() {
        List<URI> ordered = new ArrayList<>(urls.size());
        int first = preferred.get();
        for (int i = 0; i < urls.size(); i++) {
            ordered.add(urls.get((first + i) % urls.size()));
        }
        return ordered;
    }

    /** This gateway answered: try it first next time. */
    public void answered(URI base) {
        int index = urls.indexOf(base);
        if (index >= 0) {
            preferred.set(index);
        }
    }

    public URI resolve(URI base, String path) {
        return URI.create(base + path);
    }
}
