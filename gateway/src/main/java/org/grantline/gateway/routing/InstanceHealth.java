package org.grantline.gateway.routing;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances the gateway has taken out of rotation itself, without waiting for Consul or the static
 * health check (both look every few seconds): one is ejected the moment a connection to it fails,
 * and put back as soon as its own {@code /health} answers 2xx again, probed every
 * {@code grantline.routing.health-probe-interval} (1 s). One log line per change, whatever the
 * number of requests that met it.
 */
@Singleton
public class InstanceHealth {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceHealth.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

    private record Ejected(String service, URI instance) {
    }

    private final Map<URI, Ejected> ejected = new ConcurrentHashMap<>();
    private final String healthPath;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    public InstanceHealth(@Value("${grantline.routing.health-path:/health}") String healthPath) {
        this.healthPath = healthPath;
    }

    public boolean isEjected(URI instance) {
        return ejected.containsKey(base(instance));
    }

    /** Takes an instance out of rotation (once; later calls for it change nothing). */
    public void eject(String service, URI instance, String why) {
        URI key = base(instance);
        if (ejected.putIfAbsent(key, new Ejected(service, key)) == null) {
            LOG.warn("Instance {} of {} is out of rotation: {}; it comes back when {} answers", key, service, why, healthPath);
        }
    }

    @Scheduled(fixedDelay = "${grantline.routing.health-probe-interval:1s}", initialDelay = "1s")
    void probe() {
        for (Ejected entry : ejected.values()) {
            HttpRequest request = HttpRequest.newBuilder(entry.instance().resolve(healthPath)).timeout(PROBE_TIMEOUT).GET().build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                if (response.statusCode() / 100 == 2 && ejected.remove(entry.instance(), entry)) {
                    LOG.info("Instance {} of {} passes its health check: back in rotation", entry.instance(), entry.service());
                }
            });
        }
    }

    private static URI base(URI instance) {
        return URI.create(instance.getScheme() + "://" + instance.getHost() + ":" + instance.getPort());
    }
}
