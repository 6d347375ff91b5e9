package dev.switchboard.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error but 422: {@code {"error","code"}}, with {@code "id"} on 404 as in the contract's HTTPError. */
@Schema(name = "Error", description = "Every error except 422. 404 bodies also carry the id that was not found.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ErrorBody(
        @Schema(required = true, description = "What went wrong, for a person.", examples = "Magic link not found") String error,
        @Schema(required = true, description = "Stable machine-readable code.", examples = "NOT_FOUND") String code,
        @Schema(description = "The id that was not found (404 only).") String id,
        @Schema(description = "Seconds until the request may be retried (429 only).") Long retryAfterSeconds,
        @Schema(description = "The request id, for support (500 only); also in the X-Request-Id header.") String requestId) {

    public static ErrorBody of(String error, String code) {
        return new ErrorBody(error, code, null, null, null);
    }
}
