package dev.switchboard.common;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The one source of time for new code: inject {@link Clock} instead of calling {@code Instant.now()}, so tests can
 * move time (a test replaces this bean with its own {@code @Alternative} producer or passes a fixed clock).
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
