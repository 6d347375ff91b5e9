package dev.switchboard.ratelimit;

/** The state of a key's hourly bucket after a request: the {@code x-ratelimit-*} headers. */
public record RateLimitState(long limit, long remaining, long resetSeconds, boolean allowed) {

    public static RateLimitState unlimited() {
        return new RateLimitState(0, 0, 0, true);
    }

    public boolean isUnlimited() {
        return limit == 0;
    }
}
