package org.grantline.gateway.routing;

import io.micronaut.context.BeanContext;
import io.micronaut.discovery.DiscoveryClient;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.discovery.ServiceInstanceList;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.client.ServiceHttpClientConfiguration;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the instance a request goes to: round robin over the service's healthy instances (the
 * static list of the embedded default, checked every 3 s, or Consul's passing ones), skipping those
 * the gateway has ejected and those this request already tried. When only ejected ones are left,
 * one of them is tried all the same (a single instance with one failed connection is not a
 * reason to refuse everyone until its next probe); so is a static list whose every instance failed
 * its last health check (StaticHealthCheckTest). Consul's critical instances stay out.
 */
@Singleton
public class Instances {
    private final BeanContext beans;
    private final DiscoveryClient discovery;
    private final InstanceHealth health;
    private final Map<String, AtomicInteger> next = new ConcurrentHashMap<>();
    /** The static list of a service, if configured: looked up once, not in the bean context per request. */
    private final Map<String, Optional<ServiceInstanceList>> configured = new ConcurrentHashMap<>();

    public Instances(BeanContext beans, DiscoveryClient discovery, InstanceHealth health) {
        this.beans = beans;
        this.discovery = discovery;
        this.health = health;
    }

    public Mono<ServiceInstance> choose(String service, Set<URI> tried) {
        return all(service).flatMap(candidates -> {
            List<ServiceInstance> untried = candidates.stream()
                    .filter(i -> i.getHealthStatus() != HealthStatus.DOWN)
                    .filter(i -> !tried.contains(i.getURI())).toList();
            List<ServiceInstance> admitted = untried.stream().filter(i -> !health.isEjected(i.getURI())).toList();
            List<ServiceInstance> pool = admitted.isEmpty() ? untried : admitted;
            if (pool.isEmpty()) {
                return Mono.error(new NoAvailableServiceException(service));
            }
            int turn = Math.floorMod(next.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement(), pool.size());
            return Mono.just(pool.get(turn));
        });
    }

    /** Every instance of the static list as configured, whatever its last health check said. */
    private List<ServiceInstance> everyConfigured(String service) {
        return beans.findBean(ServiceHttpClientConfiguration.class, Qualifiers.byName(service))
                .map(c -> c.getUrls().stream().map(uri -> ServiceInstance.of(service, uri)).toList())
                .orElse(List.of());
    }

    private Mono<List<ServiceInstance>> all(String service) {
        Optional<ServiceInstanceList> list = configured.computeIfAbsent(service,
                s -> beans.findBean(ServiceInstanceList.class, Qualifiers.byName(s)));
        if (list.isPresent()) {
            List<ServiceInstance> healthy = list.get().getInstances();
            // The static list's health check leaves out an instance whose last check failed; when that
            // leaves none (a single instance slow to answer /health for a moment), every configured
            // one is tried rather than answering 503 to everyone until the next check passes.
            return Mono.just(healthy.isEmpty() ? everyConfigured(service) : healthy);
        }
        return Mono.from(discovery.getInstances(service)).defaultIfEmpty(List.of());
    }
}
