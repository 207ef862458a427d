package org.grantline.gateway.routing;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.List;

/**
 * One line of the route table: requests whose path starts with one of {@code prefixes} go to the
 * service named by the entry's key (its Consul name and {@code micronaut.http.services} id).
 */
@EachProperty("grantline.routes")
public class Route {
    private final String service;
    private List<String> prefixes = List.of();
    /** The largest request body this route forwards (413 from the Content-Length, before reading it). */
    private long maxRequestSize = 10L * 1024 * 1024;
    /** Paths under these prefixes are forwarded without a token (the service checks its own credential, e.g. a secret in the URL). */
    private List<String> publicPrefixes = List.of();
    /** Paths that also take writes without a token: the service checks a signed link in the path (one-click unsubscribe). */
    private List<String> publicWritePrefixes = List.of();

    public Route(@Parameter String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    public List<String> getPrefixes() {
        return prefixes;
    }

    public void setPrefixes(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    public long getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(@io.micronaut.core.convert.format.ReadableBytes long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public List<String> getPublicPrefixes() {
        return publicPrefixes;
    }

    public void setPublicPrefixes(List<String> publicPrefixes) {
        this.publicPrefixes = List.copyOf(publicPrefixes);
    }

    public List<String> getPublicWritePrefixes() {
        return publicWritePrefixes;
    }

    public void setPublicWritePrefixes(List<String> publicWritePrefixes) {
        this.publicWritePrefixes = List.copyOf(publicWritePrefixes);
    }

    boolean isPublicWrite(String path) {
        return startsWithAny(path, publicWritePrefixes);
    }

    boolean isPublic(String path) {
        return startsWithAny(path, publicPrefixes);
    }

    /** The path is one of the prefixes or below one (checked on every request: no stream, no string built). */
    boolean matches(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** The path is below one of the prefixes ({@code prefix + "/"} and more). */
    private static boolean startsWithAny(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.length() > prefix.length() && path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return true;
            }
        }
        return false;
    }
}
