package org.grantline.shared.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.ClientAttributes;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.oauth2.endpoint.token.request.DefaultTokenEndpointClient;
import io.micronaut.security.oauth2.endpoint.token.request.context.TokenRequestContext;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Micronaut Security's token endpoint client, taught that "the gateway" may be several replicas: for
 * this service's own client credentials (the OAuth 2.0 client {@value ServiceTokens#CLIENT}, whose
 * token URL is the path {@code /oauth/access_token}) each gateway of {@code grantline.gateway-url}
 * ({@link GatewayUrls}) is asked in turn, starting with the one that answered last, each with a short
 * timeout, so one gateway down or hung does not leave this service without a token. A refusal (4xx:
 * a wrong secret is wrong at every gateway) is not tried elsewhere. Any other OAuth 2.0 client goes
 * through Micronaut's own code unchanged. Micronaut's client knows one token URL; this is the part
 * it lacks, so this class keeps only the loop and leaves grant, client authentication and parsing to it.
 */
@Singleton
@Replaces(DefaultTokenEndpointClient.class)
@Requires(property = "grantline.client-secret", pattern = ".+")
public class GatewayTokenEndpointClient extends DefaultTokenEndpointClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Not matched by the client-credentials filter's service ids: the token request carries HTTP Basic, never a token. */
    static final String SERVICE_ID = "gateway-token-endpoint";

    private final GatewayUrls gateways;
    private final Supplier<HttpClient> client;

    public GatewayTokenEndpointClient(BeanContext beanContext, HttpClientConfiguration defaults, GatewayUrls gateways) {
        super(beanContext, defaults);
        this.gateways = gateways;
        this.client = SupplierUtil.memoized(() -> {
            DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
            configuration.setConnectTimeout(TIMEOUT);
            configuration.setReadTimeout(TIMEOUT);
            return beanContext.createBean(HttpClient.class, LoadBalancer.empty(), configuration);
        });
    }

    @Override
    public <G, R extends TokenResponse> Publisher<R> sendRequest(TokenRequestContext<G, R> context) {
        if (!ServiceTokens.CLIENT.equals(context.getClientConfiguration().getName())) {
            return super.sendRequest(context);
        }
        if (gateways.isEmpty()) {
            return Mono.error(new IllegalStateException("grantline.gateway-url (GRANTLINE_GATEWAY_URL) names no gateway"));
        }
        return Mono.defer(() -> attempt(gateways.inTurn(), 0, context));
    }

    private <G, R extends TokenResponse> Mono<R> attempt(List<URI> bases, int index, TokenRequestContext<G, R> context) {
        URI base = bases.get(index);
        MutableHttpRequest<G> request = HttpRequest.POST(gateways.resolve(base, context.getEndpoint().getUrl()), context.getGrant())
                .contentType(context.getMediaType())
                .accept(MediaType.APPLICATION_JSON_TYPE);
        secureRequest(request, context);
        // A service id of its own: Micrometer tags every client request by service id where there is one, and
        // Prometheus refuses meters of one name with other tag keys, so an untagged first request (this one,
        // at startup) would drop the timers of every later call to another service.
        ClientAttributes.setServiceId(request, SERVICE_ID);
        return Mono.from(client.get().retrieve(request, context.getResponseType(), context.getErrorResponseType()))
                .doOnNext(answer -> gateways.answered(base))
                .onErrorResume(e -> index + 1 < bases.size() && !refused(e), e -> attempt(bases, index + 1, context));
    }

    private static boolean refused(Throwable e) {
        return e instanceof HttpClientResponseException response && response.code() < 500;
    }
}
