package org.grantline.shared.security.revocation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * An app whose copy of the revocation list is stale refuses every person's token (fail closed), so
 * it is not ready: {@code /health} and {@code /health/readiness} answer DOWN (503) until the list
 * has been read within {@code grantline.revocations.max-staleness}. Balancers, Consul and
 * Kubernetes then send requests elsewhere (or the gateway answers 503, which clients retry) instead
 * of to an instance that would answer 401 — for example one that has just started and has not yet
 * reached a gateway. Liveness is not affected: a gateway outage must not restart every service.
 */
@Singleton
@Readiness
@Requires(beans = RevocationList.class)
public class RevocationListReadiness implements HealthIndicator {
    static final String NAME = "revocationList";

    private final RevocationList list;

    public RevocationListReadiness(RevocationList list) {
        this.list = list;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean fresh = list.isFresh();
        return Mono.just(HealthResult.builder(NAME, fresh ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("fresh", fresh))
                .build());
    }
}
