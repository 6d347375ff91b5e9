package dev.switchboard.error;

import java.util.Map;

/**
 * An error with a documented status and code. Thrown anywhere; {@link ErrorMappers} turns it into
 * {@code {"error": <message>, "code": <CODE>}} (plus {@code "id"} on 404, as the contract's HTTPError has).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String id;
    private final Map<String, String> headers;
    private final Long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, Map.of(), null);
    }

    private ApiException(int status, String code, String message, String id, Map<String, String> headers,
            Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.id = id;
        this.headers = headers;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String message, String id) {
        return new ApiException(404, "NOT_FOUND", message, id, Map.of(), null);
    }

    /**
     * A 404 for a path the Trackstar contract defines: exactly its {@code HTTPError}, {@code {"error": ..., "id":
     * ...}},
     * without Switchboard's {@code code}.
     */
    public static ApiException contractNotFound(String message, String id) {
        return new ApiException(404, null, message, id, Map.of(), null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    public static ApiException rateLimited(long retryAfterSeconds, Map<String, String> headers) {
        return new ApiException(429, "RATE_LIMITED",
                "Rate limit exceeded. Retry after " + retryAfterSeconds + " seconds.",
                null, headers, retryAfterSeconds);
    }

    public static ApiException serviceUnavailable(String message, long retryAfterSeconds) {
        return new ApiException(503, "SERVICE_UNAVAILABLE", message, null,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)), null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String id() {
        return id;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ErrorBody body() {
        return new ErrorBody(getMessage(), code, id, retryAfterSeconds, null);
    }
}
