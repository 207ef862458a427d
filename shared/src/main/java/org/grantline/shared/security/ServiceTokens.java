package org.grantline.shared.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A token for this service itself, for calls it makes on its own behalf (scheduled jobs, not a
 * user's request): client credentials against the gateway, subject = this service's name, role
 * {@code SERVICE}. Cached until shortly before it expires. Blocking: call it off the event loop.
 */
@Singleton
@Requires(property = "grantline.client-secret", pattern = ".+")
public class ServiceTokens {
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

    private final HttpClient gateway;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceTokens(@Client("${grantline.gateway-url}") HttpClient gateway,
                         @Value("${micronaut.application.name}") String clientId,
                         @Value("${grantline.client-secret}") String clientSecret) {
        this.gateway = gateway;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Serdeable
    record Granted(String access_token, long expires_in) {
    }

    /** A valid access token for this service. */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            Granted granted = gateway.toBlocking().retrieve(HttpRequest.POST("/oauth/access_token",
                            Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), Granted.class);
            token = granted.access_token();
            renewAt = Instant.now().plusSeconds(granted.expires_in()).minus(EARLY_RENEWAL);
        }
        return token;
    }
}
