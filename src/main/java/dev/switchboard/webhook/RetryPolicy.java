package dev.switchboard.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When to try again: the configured delays after the 1st, 2nd, ... failed attempt (by default 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h, so 8 attempts over about 28 hours), or later when the receiver asked for it with
 * {@code Retry-After}.
 */
final class RetryPolicy {

    private final List<Duration> schedule;
    private final Duration maxRetryAfter;

    RetryPolicy(List<Duration> schedule, Duration maxRetryAfter) {
        this.schedule = List.copyOf(schedule);
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Attempts a delivery gets in all. */
    int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * The delay before the next attempt after {@code attempts} attempts (the last of which failed), or empty when that
     * was
     * the last one. {@code retryAfter}: what the receiver asked for, or null.
     */
    Optional<Duration> nextDelay(int attempts, Duration retryAfter) {
        if (attempts < 1 || attempts > schedule.size()) {
            return Optional.empty();
        }
        Duration delay = schedule.get(attempts - 1);
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return Optional.of(delay);
    }
}
