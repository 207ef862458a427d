package org.grantline.shared.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * This service's own token (client credentials, role SERVICE; {@link ServiceTokens}) on every request
 * of the declarative clients for the other services ({@code @Client(id = "jurisdiction" | "documents" |
 * "grants" | "notifications")}), whose contracts (the {@code *-api} modules) carry no Authorization
 * header — unless the request already carries one (a user's token that token propagation put there
 * for a call made on that user's behalf). Only where this service has a client secret; the gateway,
 * which has none, signs its own ({@code GatewayServiceTokenFilter}).
 */
@ClientFilter(serviceId = {"jurisdiction", "documents", "grants", "notifications"})
@Requires(bean = ServiceTokens.class)
public class ServiceTokenClientFilter implements Ordered {
    private final BeanProvider<ServiceTokens> tokens;

    public ServiceTokenClientFilter(BeanProvider<ServiceTokens> tokens) {
        this.tokens = tokens;
    }

    /**
     * Micronaut's HTTP client runs client filters from the highest order down, so the highest
     * precedence runs last: after token propagation has had its chance to put the user's token on.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Blocking: the token may have to be fetched from the gateway first. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void attach(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(tokens.get().token());
        }
    }
}
