package dev.switchboard.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service's clock in tests: the real UTC time, moved forward by {@link #advance} or stopped by {@link #freeze},
 * so a test moves time instead of sleeping. It replaces {@code common.Clocks} in every {@code @QuarkusTest}. A test
 * that moves it puts it back with {@link #reset} (in {@code finally}), because the service is shared by the tests that
 * follow. PostgreSQL's {@code now()} is not moved.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Clock.systemUTC().instant().plus(offset);
    }

    /** Moves the service's time forward (or back, with a negative amount). */
    public void advance(Duration amount) {
        Instant stopped = frozen;
        if (stopped != null) {
            frozen = stopped.plus(amount);
        } else {
            offset = offset.plus(amount);
        }
    }

    /** Stops the service's time at its current instant and returns it. */
    public Instant freeze() {
        Instant now = instant();
        frozen = now;
        return now;
    }

    /** Back to the real time. */
    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service reads time in UTC only");
    }
}
