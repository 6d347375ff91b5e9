package dev.switchboard.webhook;

import java.time.Duration;

/**
 * What one attempt came to. {@code statusCode} is null when no response came (refused address, network error,
 * timeout). {@code retryAfter} is what a 429 or 503 asked for, or null.
 */
record AttemptResult(Integer statusCode, long latencyMs, String error, Duration retryAfter, String failureKind) {

    static AttemptResult response(int statusCode, long latencyMs, Duration retryAfter) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(statusCode, latencyMs, ok ? null : "HTTP " + statusCode, ok ? null : retryAfter,
                ok ? null : "status");
    }

    static AttemptResult noResponse(String kind, String error, long latencyMs) {
        return new AttemptResult(null, latencyMs, error, null, kind);
    }

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver wants no more; the endpoint is disabled. */
    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
