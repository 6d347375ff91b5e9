package dev.switchboard.common;

/**
 * Bounds every JSON body has before it becomes objects ({@code dev.switchboard.http.JsonSettings} applies them,
 * {@code dev.switchboard.error.ErrorMappers} names them in the 422). Fields have their own, smaller limits, in the
 * OpenAPI document as {@code maxLength}/{@code maxItems}.
 */
public final class InputLimits {

    /** JSON tokens per body: far more than any valid request, far fewer than a 1 MiB body of tiny list entries. */
    public static final int MAX_TOKENS = 10_000;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING_LENGTH = 8192;
    public static final int MAX_NAME_LENGTH = 256;

    private InputLimits() {
    }
}
