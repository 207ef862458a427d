package org.grantline.shared.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configuration every GrantLine app shares, stated once: {@code grantline/defaults.yml} (all five
 * apps) and {@code grantline/service-defaults.yml} (the four services, which check the gateway's
 * tokens; the gateway issues them). Both sit <em>below</em> the app's own {@code application.yml},
 * its environment overlays, system properties and environment variables, so an app overrides any
 * default by setting it (proven by {@code GrantlineDefaultsTest}).
 *
 * <p>Micronaut reads only the first {@code application.yml} on the classpath, so a library's defaults
 * cannot travel in a file of that name; an {@link ApplicationContextConfigurer} (loaded through the
 * service loader by every context, the apps' and the tests') adds them as property sources instead.
 */
@ContextConfigurer
public final class GrantlineDefaults implements ApplicationContextConfigurer {

    /** Below application.yml (-300) and so below everything else Micronaut reads. */
    public static final int ORDER = AbstractPropertySourceLoader.DEFAULT_POSITION - 100;

    static final String ALL_APPS = "grantline/defaults.yml";
    static final String SERVICES = "grantline/service-defaults.yml";

    /** The gateway is the one app that issues tokens rather than checking them against its JWKS. */
    private static final String GATEWAY_MAIN = "org.grantline.gateway.Application";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(sources(isGateway()).toArray(PropertySource[]::new));
    }

    static List<PropertySource> sources(boolean gateway) {
        List<PropertySource> sources = new ArrayList<>(2);
        sources.add(read(ALL_APPS, ORDER));
        if (!gateway) {
            sources.add(read(SERVICES, ORDER + 1));
        }
        return sources;
    }

    /**
     * The services' defaults alone, for a test that plays a service inside the gateway's module (where
     * {@link #configure} leaves them out).
     */
    public static PropertySource serviceDefaults() {
        return read(SERVICES, ORDER + 1);
    }

    private static boolean isGateway() {
        try {
            Class.forName(GATEWAY_MAIN, false, GrantlineDefaults.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static PropertySource read(String resource, int order) {
        try (InputStream in = GrantlineDefaults.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("GrantLine's shared defaults are missing from the classpath: " + resource);
            }
            Map<String, Object> values = new YamlPropertySourceLoader().read(resource, in);
            return PropertySource.of(resource, values, order);
        } catch (IOException e) {
            throw new ConfigurationException("GrantLine's shared defaults cannot be read: " + resource, e);
        }
    }
}
