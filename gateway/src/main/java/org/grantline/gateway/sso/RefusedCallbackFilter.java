package org.grantline.gateway.sso;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.net.URI;

/**
 * When a provider's answer fails validation (state, nonce, signature, issuer, audience, expiry),
 * Micronaut's callback answers a bare 401; the browser is sent to the sign-in page instead, which
 * says the single sign-on was refused, as for an unmapped user.
 */
@Filter(IdTokenAwareClaimsValidators.CALLBACK + "**")
public class RefusedCallbackFilter implements HttpServerFilter {
    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        return Flux.from(chain.proceed(request)).map(response -> response.getStatus() == HttpStatus.UNAUTHORIZED
                ? HttpResponse.seeOther(URI.create(SsoLoginHandler.REFUSED)) : response);
    }
}
