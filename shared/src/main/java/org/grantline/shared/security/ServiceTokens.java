package org.grantline.shared.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A token for this service itself, for calls it makes on its own behalf (scheduled jobs, not a
 * user's request): client credentials against the gateway, subject = this service's name, role
 * {@code SERVICE}. Cached until shortly before it expires. With several gateways
 * ({@link GatewayUrls}) each is tried in turn, so one gateway down does not stop this service.
 * Blocking: call it off the event loop.
 */
@Singleton
@Requires(property = "grantline.client-secret", pattern = ".+")
public class ServiceTokens {
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final GatewayUrls gateways;
    private final JsonMapper json;
    private final String form;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceTokens(GatewayUrls gateways, JsonMapper json,
                         @Value("${micronaut.application.name}") String clientId,
                         @Value("${grantline.client-secret}") String clientSecret) {
        this.gateways = gateways;
        this.json = json;
        this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    @Serdeable
    record Granted(String access_token, long expires_in) {
    }

    /** A valid access token for this service. */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            Granted granted = request();
            token = granted.access_token();
            renewAt = Instant.now().plusSeconds(granted.expires_in()).minus(EARLY_RENEWAL);
        }
        return token;
    }

    private Granted request() {
        if (gateways.isEmpty()) {
            throw new IllegalStateException("grantline.gateway-url (GRANTLINE_GATEWAY_URL) names no gateway");
        }
        IOException last = null;
        for (URI base : gateways.inTurn()) {
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(gateways.resolve(base, "/oauth/access_token"))
                        .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    // A refusal (wrong secret) is the same at every gateway; a 5xx may not be.
                    last = new IOException(base + "/oauth/access_token answered " + response.statusCode());
                    if (response.statusCode() < 500) {
                        break;
                    }
                    continue;
                }
                gateways.answered(base);
                return json.readValue(response.body(), Granted.class);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while asking the gateway for a token", e);
            }
        }
        throw new UncheckedIOException("No gateway gave this service a token", last);
    }
}
