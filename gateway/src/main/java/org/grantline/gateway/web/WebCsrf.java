package org.grantline.gateway.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.shared.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-site request checks for the cookie endpoints, on top of {@code SameSite=Strict}: the
 * request must carry a custom header (which a cross-site form cannot send, and a cross-site script
 * cannot without a CORS pre-flight the gateway never grants), must not be marked cross-site by
 * {@code Sec-Fetch-Site}, and its {@code Origin}, when present, must be this host (or one of
 * {@code grantline.web.allowed-origins}, for a TLS proxy in front).
 */
@Singleton
public class WebCsrf {
    public static final String HEADER = "X-GrantLine-Web";
    private static final Logger LOG = LoggerFactory.getLogger(WebCsrf.class);

    private final List<String> allowedOrigins;

    public WebCsrf(@Value("${grantline.web.allowed-origins:}") List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().filter(s -> !s.isBlank())
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    }

    public void check(HttpRequest<?> request) {
        if (request.getHeaders().get(HEADER) == null) {
            throw refused(request, "the " + HEADER + " header is missing");
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw refused(request, "Sec-Fetch-Site is " + site);
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, request.getHeaders().get(HttpHeaders.HOST))
                && !allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            throw refused(request, "Origin " + origin + " is not this site");
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            String hostOnly = host.strip();
            return authority.equalsIgnoreCase(hostOnly)
                    || (uri.getPort() == -1 && hostOnly.equalsIgnoreCase(uri.getHost() + ":" + ("https".equals(uri.getScheme()) ? 443 : 80)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException refused(HttpRequest<?> request, String why) {
        LOG.warn("Web session request refused as cross-site from {}: {}", request.getRemoteAddress().getAddress().getHostAddress(),
                why.replaceAll("[^\\p{Print}]", "?"));
        return new ProblemException(HttpStatus.FORBIDDEN, "cross-site", "Forbidden",
                "This request did not come from the GrantLine web app", Map.of());
    }
}
