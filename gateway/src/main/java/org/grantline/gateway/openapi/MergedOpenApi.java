package org.grantline.gateway.openapi;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;
import org.grantline.gateway.routing.Route;
import org.grantline.shared.openapi.OpenApiFinisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one document of everything a client can call through the gateway, merged once from the
 * documents bundled into the gateway's jar at build time: its own ({@code META-INF/swagger/gateway.yml})
 * and each routed service's, copied from the service's build ({@code META-INF/grantline-openapi/<service>.yml},
 * gateway/pom.xml). Built from files, not from the running instances, so every replica serves the
 * same document, and serves it while a service is down; the route table is the running one.
 */
@Singleton
public class MergedOpenApi {
    private static final Logger LOG = LoggerFactory.getLogger(MergedOpenApi.class);

    private final ResourceResolver resources;
    private final List<Route> routes;
    private volatile OpenApiMerger.Merged merged;
    private volatile String yaml;

    public MergedOpenApi(ResourceResolver resources, List<Route> routes) {
        this.resources = resources;
        this.routes = routes;
    }

    /** The merged document and what it had to leave out. */
    public OpenApiMerger.Merged merged() {
        if (merged == null) {
            synchronized (this) {
                if (merged == null) {
                    merged = build();
                }
            }
        }
        return merged;
    }

    /** The merged document as YAML. */
    public String yaml() {
        if (yaml == null) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setWidth(120);
            yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(merged().document());
        }
        return yaml;
    }

    /** A bundled document by its file name, as SnakeYAML reads it. */
    public Optional<Map<String, Object>> bundled(String location) {
        return resources.getResourceAsStream("classpath:" + location).map(MergedOpenApi::read);
    }

    private OpenApiMerger.Merged build() {
        Map<String, Object> gateway = bundled("META-INF/swagger/gateway.yml")
                .orElseThrow(() -> new IllegalStateException("the gateway's own OpenAPI document is not on the classpath"));
        // Already done in the jar (OpenApiFinisher, prepare-package); not yet when the tests run.
        resources.getResourceAsStream("classpath:META-INF/grantline-openapi/gateway-anonymous.txt").map(MergedOpenApi::text)
                .ifPresent(list -> OpenApiFinisher.finish(gateway, OpenApiFinisher.anonymous(list.strip())));
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        List<OpenApiMerger.Rule> rules = routes.stream()
                .map(r -> new OpenApiMerger.Rule(r.getService(), r.getPrefixes(), r.getPublicPrefixes())).toList();
        for (OpenApiMerger.Rule rule : rules.stream().sorted(java.util.Comparator.comparing(OpenApiMerger.Rule::service)).toList()) {
            Optional<Map<String, Object>> document = bundled("META-INF/grantline-openapi/" + rule.service() + ".yml");
            if (document.isEmpty()) {
                LOG.warn("no OpenAPI document of {} was bundled (build the services before the gateway): its routes are not documented",
                        rule.service());
            }
            document.ifPresent(d -> services.put(rule.service(), d));
        }
        OpenApiMerger.Merged result = OpenApiMerger.merge(gateway, services, rules);
        if (!result.unrouted().isEmpty()) {
            LOG.warn("service operations no route reaches, left out of the merged OpenAPI document: {}", result.unrouted());
        }
        return result;
    }

    private static Map<String, Object> read(InputStream in) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text(in));
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
