package org.grantline.gateway.mail;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import org.grantline.gateway.auth.TokenIssuer;

/**
 * The gateway's own token (subject {@code gateway}, role SERVICE, signed here) on the requests of its
 * declarative client for the notifications service ({@link NotificationsMailClient}), whose contract
 * carries no Authorization header. Forwarded requests are not touched: the routing proxy's client has
 * no service id. Temporary: to be folded into the one shared service-token client filter.
 */
@ClientFilter(serviceId = "notifications")
public class GatewayServiceTokenFilter {
    private final TokenIssuer tokens;

    public GatewayServiceTokenFilter(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    public void attach(MutableHttpRequest<?> request) {
        request.bearerAuth(tokens.forService("gateway").token());
    }
}
