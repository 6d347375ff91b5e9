package dev.switchboard.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the 404 of a path Trackstar's contract defines looks: its {@code HTTPError}, the message and the id, and no
 * {@code code}. For the OpenAPI document only; the body itself is an {@link ErrorBody} without a code
 * ({@link ApiException#contractNotFound}).
 */
@Schema(name = "HTTPError", description = "A 404 of a path of Trackstar's contract: no code, as the contract has none.")
public record NotFoundBody(
        @Schema(required = true, description = "What was not found, for a person.", examples = "Magic link not found") String error,
        @Schema(description = "The id that was not found.") String id) {
}
