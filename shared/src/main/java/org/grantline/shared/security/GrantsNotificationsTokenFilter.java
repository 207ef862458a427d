package org.grantline.shared.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * This service's own token (client credentials, role SERVICE; {@link ServiceTokens}) on every request
 * of the declarative clients for the grants and notifications services ({@code @Client(id = "grants")},
 * {@code @Client(id = "notifications")}), whose contracts (grants-api, notifications-api) carry no
 * Authorization header. Only where this service has a client secret; the gateway, which has none,
 * signs its own ({@code GatewayServiceTokenFilter}). Temporary name: to be folded into the one shared
 * service-token client filter for every service id.
 */
@ClientFilter(serviceId = {"grants", "notifications"})
@Requires(bean = ServiceTokens.class)
public class GrantsNotificationsTokenFilter {
    private final BeanProvider<ServiceTokens> tokens;

    public GrantsNotificationsTokenFilter(BeanProvider<ServiceTokens> tokens) {
        this.tokens = tokens;
    }

    /** Blocking: the token may have to be fetched from the gateway first. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void attach(MutableHttpRequest<?> request) {
        request.bearerAuth(tokens.get().token());
    }
}
