package dev.switchboard.wms.adapter;

import java.time.Duration;

import dev.switchboard.wms.WmsFunction;

/**
 * A call to a system failed. The {@link Kind} tells the sync engine what to do; {@code getMessage()} is the system's
 * reason in words a customer may see (it becomes a connection error's {@code error_message}), never a secret.
 */
public class AdapterException extends RuntimeException {

    public enum Kind {
        /** Over the system's rate limit or our budget: yield, and resume after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** Wrong, revoked or expired credentials that cannot be refreshed: blocks every function until a reinstall. */
        CREDENTIALS_REJECTED,
        /** The credentials lack a permission: blocks {@link #function()} only. */
        PERMISSION_MISSING,
        /** A timeout, a 5xx, malformed JSON: the run fails and the schedule tries again. */
        TRANSIENT,
        /** The system refused the request for good (a 4xx that is neither of the above). */
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final WmsFunction function;
    private final int status;
    private final String failedUrl;

    public AdapterException(Kind kind, String message, Duration retryAfter, WmsFunction function, int status,
            Throwable cause) {
        this(kind, message, retryAfter, function, status, null, cause);
    }

    /** {@code failedUrl}: the system's URL that answered so (no query string), for the connection error. */
    public AdapterException(Kind kind, String message, Duration retryAfter, WmsFunction function, int status,
            String failedUrl, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.function = function;
        this.status = status;
        this.failedUrl = failedUrl;
    }

    public static AdapterException rateLimited(String message, Duration retryAfter) {
        return new AdapterException(Kind.RATE_LIMITED, message, retryAfter, null, 429, null);
    }

    public static AdapterException credentialsRejected(String message) {
        return new AdapterException(Kind.CREDENTIALS_REJECTED, message, null, null, 401, null);
    }

    public static AdapterException permissionMissing(String message, WmsFunction function) {
        return new AdapterException(Kind.PERMISSION_MISSING, message, null, function, 403, null);
    }

    public static AdapterException transientFailure(String message, Throwable cause) {
        return new AdapterException(Kind.TRANSIENT, message, null, null, 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** How long to wait before calling again (RATE_LIMITED); null when the system did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The function a PERMISSION_MISSING blocks; null otherwise. */
    public WmsFunction function() {
        return function;
    }

    /**
     * The system's URL that failed, without its query string (a connection error's {@code failed_url}); null when the
     * adapter did not say.
     */
    public String failedUrl() {
        return failedUrl;
    }

    /** The system's HTTP status, 0 when there was none (a timeout, a closed connection). */
    public int status() {
        return status;
    }
}
