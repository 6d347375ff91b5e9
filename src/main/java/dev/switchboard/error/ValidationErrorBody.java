package dev.switchboard.error;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@Schema(name = "ValidationError", description = "422: {\"error\": ..., \"detail\": {\"<location>\": {\"<field>\": [messages]}}}; "
        + "location is json, query, path or headers; nested fields are dotted paths with indexes (integration_allow_list.2); "
        + "errors about the body as a whole use the field _schema.")
@RegisterForReflection
public record ValidationErrorBody(
        @Schema(required = true, examples = "Validation error") String error,
        @Schema(description = "Messages by location, then by field.") Map<String, Map<String, List<String>>> detail) {
}
