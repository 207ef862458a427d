package org.grantline.notifications;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.ClockFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** "Now" for every app context of the test JVM (replicas share it): tests set and move it. */
@Singleton
@Requires(env = "test")
@Replaces(bean = Clock.class, factory = ClockFactory.class)
public class TestClock extends Clock {
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());

    public static void set(Instant instant) {
        NOW.set(instant);
    }

    public static Instant now() {
        return NOW.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return NOW.get();
    }
}
