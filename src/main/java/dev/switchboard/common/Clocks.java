package dev.switchboard.common;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one source of the current time: code asks an injected {@link Clock}, never {@code Instant.now()}, so tests move
 * time (a movable clock replaces this one in {@code src/test}) instead of sleeping.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
