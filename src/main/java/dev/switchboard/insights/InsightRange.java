package dev.switchboard.insights;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.switchboard.error.ValidationProblem;

/**
 * The window of an insight: the last 7, 30 or 90 UTC days, today included. Anything else is a 422: a range that was
 * asked for and silently replaced would answer a question nobody asked.
 */
public enum InsightRange {

    D7("7d", 7),
    D30("30d", 30),
    D90("90d", 90);

    static final InsightRange DEFAULT = D30;
    private final String value;
    private final int days;

    InsightRange(String value, int days) {
        this.value = value;
        this.days = days;
    }

    public String value() {
        return value;
    }

    public int days() {
        return days;
    }

    /** {@code 7d}, {@code 30d} or {@code 90d}; absent means 30d; anything else is a 422 at {@code query.range}. */
    public static InsightRange parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT;
        }
        for (InsightRange range : values()) {
            if (range.value.equals(raw)) {
                return range;
            }
        }
        throw ValidationProblem.of(ValidationProblem.QUERY, "range", "Must be one of: 7d, 30d, 90d.");
    }

    /** The first day of the window ending today (UTC). */
    public LocalDate firstDay(Clock clock) {
        return today(clock).minusDays(days - 1L);
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
