package org.grantline.notifications.webhook;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.shared.problem.Problems;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may point. Outside the embedded default only {@code https}, and never an address
 * of this network: loopback, private (RFC 1918, IPv6 unique-local), link-local (where cloud metadata
 * services live, 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, unspecified, multicast.
 * Checked when a webhook is registered and again at every connection (the webhook client resolves
 * names through {@link #resolver()}), so a name whose DNS answer changes later cannot reach inside.
 * The embedded default ({@code grantline.notifications.webhook-local-targets}) allows both, for a
 * receiver on the developer's machine.
 */
@Singleton
public class WebhookTargets {
    private final boolean localAllowed;

    public WebhookTargets(NotificationsConfig config) {
        this.localAllowed = config.isWebhookLocalTargets();
    }

    /** A 400 naming {@code url} unless the URL may be registered; names are resolved now. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Problems.invalid("url", "must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || (localAllowed && scheme.equals("http"))) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw Problems.invalid("url", localAllowed ? "must be an absolute http(s) URL without credentials"
                    : "must be an absolute https URL without credentials");
        }
        try {
            resolver().resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw Problems.invalid("url", e instanceof RefusedAddress ? e.getMessage() : "the host cannot be resolved");
        }
        return uri;
    }

    /** Resolves as the system does, then refuses the whole name if any of its addresses is internal. */
    public DnsResolver resolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                if (!localAllowed) {
                    for (InetAddress address : addresses) {
                        if (isInternal(address)) {
                            throw new RefusedAddress("the host is a loopback, private, link-local or metadata address");
                        }
                    }
                }
                return addresses;
            }

            @Override
            public java.util.List<java.net.InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return java.util.Arrays.stream(resolve(host)).map(a -> new java.net.InetSocketAddress(a, port)).toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                        // "this network"
                    || (first == 100 && second >= 64 && second < 128)  // carrier-grade NAT, 100.64.0.0/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)  // IETF protocol assignments
                    || first >= 240;                                 // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                              // unique-local fc00::/7 (fd00:ec2::254 included)
                return true;
            }
            boolean mapped = true;                                    // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name that resolved, but to an address a webhook may not reach. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }
}
