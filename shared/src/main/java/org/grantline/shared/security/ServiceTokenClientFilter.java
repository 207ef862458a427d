package org.grantline.shared.security;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.ClientFilterChain;
import io.micronaut.http.util.OutgoingHttpRequestProcessor;
import io.micronaut.security.oauth2.client.clientcredentials.propagation.ClientCredentialsHttpClientFilter;
import io.micronaut.security.oauth2.client.clientcredentials.propagation.ClientCredentialsTokenPropagator;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import org.reactivestreams.Publisher;

import java.util.stream.Stream;

/**
 * Micronaut Security's client-credentials filter, which puts this service's own token (OAuth 2.0
 * client {@value ServiceTokens#CLIENT}, role SERVICE) on every request of the declarative clients for
 * the other services and the gateway (the {@code service-id-regex} in {@code grantline/service-defaults.yml}),
 * whose contracts (the {@code *-api} modules) carry no Authorization header. Two differences, both
 * needed where a call may be made on a user's behalf (grants asking the registry within a user's
 * request, where token propagation put that user's token on):
 * <ul>
 * <li>a request that already carries an Authorization header keeps it (Micronaut's filter would
 * overwrite it with the service's token);</li>
 * <li>it runs last: Micronaut's HTTP client runs client filters from the highest order down, so the
 * highest precedence runs after token propagation (order 0) has had its chance.</li>
 * </ul>
 * The gateway's token endpoint is asked with HTTP Basic, so that request is never given a token itself.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Replaces(ClientCredentialsHttpClientFilter.class)
public class ServiceTokenClientFilter extends ClientCredentialsHttpClientFilter {

    public ServiceTokenClientFilter(OutgoingHttpRequestProcessor outgoingHttpRequestProcessor,
                                    Stream<OauthClientConfiguration> oauthClients,
                                    ClientCredentialsTokenPropagator defaultTokenPropagator,
                                    BeanContext beanContext) {
        super(outgoingHttpRequestProcessor, oauthClients, defaultTokenPropagator, beanContext);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<? extends HttpResponse<?>> doFilter(MutableHttpRequest<?> request, ClientFilterChain chain) {
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return chain.proceed(request);
        }
        return super.doFilter(request, chain);
    }
}
