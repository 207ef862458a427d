package org.grantline.notifications.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: after the n-th failed attempt, wait
 * {@code min(cap, base * 2^(n-1))}, of which a random half ("equal jitter"), so that replicas
 * retrying the same outage do not all come back at once.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    public Duration after(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << exponent));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
