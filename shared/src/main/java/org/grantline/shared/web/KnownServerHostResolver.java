package org.grantline.shared.web;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * Micronaut's host resolver, answering exactly as it does, but the embedded server it falls back
 * on (for the scheme of a request whose URI has none: every request a server receives) is looked
 * up in the bean context once, not on every call. Micronaut Security resolves the host for each
 * request whose token it accepts (for its {@code TokenValidatedEvent}), and that lookup was ~3 %
 * of the gateway's CPU per forwarded request in the JFR profile. The server is a singleton, so
 * the first answer is the answer.
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
public class KnownServerHostResolver extends DefaultHttpHostResolver {

    public KnownServerHostResolver(HttpServerConfiguration serverConfiguration,
                                   @Nullable BeanProvider<EmbeddedServer> embeddedServer) {
        super(serverConfiguration, embeddedServer == null ? null : new Once(embeddedServer));
    }

    /** The provider's bean, fetched on first use and kept. */
    private static final class Once implements BeanProvider<EmbeddedServer> {
        private final BeanProvider<EmbeddedServer> provider;
        private volatile EmbeddedServer server;

        Once(BeanProvider<EmbeddedServer> provider) {
            this.provider = provider;
        }

        @Override
        public EmbeddedServer get() {
            EmbeddedServer known = server;
            if (known == null) {
                known = provider.get();
                server = known;
            }
            return known;
        }

        @Override
        public boolean isPresent() {
            return server != null || provider.isPresent();
        }
    }
}
