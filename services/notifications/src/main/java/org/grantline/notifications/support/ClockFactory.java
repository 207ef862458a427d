package org.grantline.notifications.support;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** "Now" for planning and delivery comes from this clock, so tests can move time. */
@Factory
public class ClockFactory {
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
