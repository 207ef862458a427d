package org.grantline.shared.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.security.oauth2.client.clientcredentials.ClientCredentialsClient;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * This service's own token (subject = its name, role {@code SERVICE}) where code needs it by hand:
 * the revocation list's plain JDK client ({@code GatewayRevocationSource}) and the fail-fast checks
 * of jobs that call other services on their own behalf. It is Micronaut Security's client-credentials
 * client {@value #CLIENT} (configured once in {@code grantline/service-defaults.yml}), which fetches the
 * token from the gateway's {@code /oauth/access_token}, caches it until shortly before it expires and
 * does not cache a failure; {@link GatewayTokenEndpointClient} asks each gateway in turn. Every request
 * of the declarative clients gets the same token from {@link ServiceTokenClientFilter} without this class.
 * Present only where this service has a client secret. Blocking: call it off the event loop.
 */
@Singleton
@Requires(property = "grantline.client-secret", pattern = ".+")
public class ServiceTokens {
    /** The OAuth 2.0 client (micronaut.security.oauth2.clients.gateway) that is this service at the gateway. */
    public static final String CLIENT = "gateway";

    /** Long enough for every gateway to be tried with its own timeout (GatewayTokenEndpointClient). */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ClientCredentialsClient client;

    public ServiceTokens(@Named(CLIENT) ClientCredentialsClient client) {
        this.client = client;
    }

    /** A valid access token for this service; fails when no gateway gives one. */
    public String token() {
        return token(WAIT);
    }

    /** The same, waiting at most {@code wait} (a caller with its own deadline, like the revocation list's poll). */
    public String token(Duration wait) {
        TokenResponse answer = Mono.from(client.requestToken()).block(wait);
        if (answer == null || answer.getAccessToken() == null || answer.getAccessToken().isBlank()) {
            throw new IllegalStateException("The gateway gave this service no token");
        }
        return answer.getAccessToken();
    }
}
