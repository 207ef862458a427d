package org.grantline.gateway.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.DefaultHttpClientAddressResolver;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from, for the sign-in throttle, the audit trail and the
 * {@code X-Forwarded-For} the services get. The connection's peer is believed; {@code X-Forwarded-For}
 * only when the peer is one of the proxies the operator names ({@code grantline.trusted-proxies},
 * {@code GRANTLINE_TRUSTED_PROXIES}: the load balancer or ingress in front of the gateway, as CIDRs).
 * Then the header is read from the right, past every trusted proxy, and the first address that is not
 * one is the client's: what a client wrote into the header itself stays to the left and is never
 * believed. Without trusted proxies, behind a load balancer every client would share its address,
 * and one client's guesses would throttle everyone's sign-in.
 */
@Singleton
@Replaces(DefaultHttpClientAddressResolver.class)
public class ClientAddresses implements HttpClientAddressResolver {
    private final List<IpSubnetFilterRule> trusted = new ArrayList<>();

    public ClientAddresses(@Value("${grantline.trusted-proxies:}") List<String> proxies) {
        for (String proxy : proxies) {
            if (proxy.isBlank()) {
                continue;
            }
            String[] parts = proxy.trim().split("/", 2);
            InetAddress address = NetUtil.isValidIpV4Address(parts[0]) || NetUtil.isValidIpV6Address(parts[0])
                    ? NetUtil.createInetAddressFromIpAddressString(parts[0]) : null;
            if (address == null) {
                throw new ConfigurationException("grantline.trusted-proxies: '" + proxy + "' is not an address or a CIDR");
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            } catch (NumberFormatException e) {
                throw new ConfigurationException("grantline.trusted-proxies: '" + proxy + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bits) {
                throw new ConfigurationException("grantline.trusted-proxies: '" + proxy + "' has no valid prefix length");
            }
            trusted.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
        }
    }

    @Override
    public String resolve(HttpRequest request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (Object header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String hop : header.toString().split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            InetAddress address = NetUtil.isValidIpV4Address(hop) || NetUtil.isValidIpV6Address(hop)
                    ? NetUtil.createInetAddressFromIpAddressString(hop) : null;
            if (address == null) {
                break;   // a malformed entry: nothing to its left can be believed either
            }
            client = address;
            if (!isTrusted(address)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return trusted.stream().anyMatch(rule -> rule.matches(socket));
    }
}
