package org.grantline.shared.security.revocation;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.grantline.shared.security.GatewayUrls;
import org.grantline.shared.security.ServiceTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the revocation list from the gateway ({@code GET /api/internal/revocations}, role
 * {@code SERVICE}) with this service's own token. A plain JDK client with short timeouts: it must
 * not wait on the discovery or retry settings of the app's other clients, since a slow answer
 * counts against the staleness bound.
 */
@Singleton
public class GatewayRevocationSource implements RevocationSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI url;
    private final GatewayUrls gateways;
    private final BeanProvider<ServiceTokens> tokens;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    public GatewayRevocationSource(@Value("${grantline.revocations.url:}") String url,
                                   GatewayUrls gateways, BeanProvider<ServiceTokens> tokens, JsonMapper json) {
        this.url = url.isBlank() ? null : URI.create(url);
        this.gateways = gateways;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public List<RevocationEntry> fetch() throws IOException, InterruptedException {
        if (url != null) {
            return fetch(url);
        }
        if (gateways.isEmpty()) {
            throw new IOException("grantline.gateway-url (GRANTLINE_GATEWAY_URL) names no gateway");
        }
        // Each gateway in turn (every replica serves the same list from the shared database).
        IOException last = null;
        for (URI base : gateways.inTurn()) {
            try {
                List<RevocationEntry> entries = fetch(gateways.resolve(base, "/api/internal/revocations"));
                gateways.answered(base);
                return entries;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private List<RevocationEntry> fetch(URI url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET()
                .header("Accept", "application/json");
        // Without a token (no client secret, or none to be had) the gateway refuses (401) and the list stays stale.
        serviceToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return json.readValue(response.body(), RevocationFeed.class).entries();
    }

    private Optional<String> serviceToken() {
        if (!tokens.isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.get().token(TIMEOUT));   // a slow token endpoint must not hold the poll up
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
