package dev.switchboard.writes;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The write envelope (Trackstar's {@code wms<Action><Object>Response}), for the API documentation only. */
@Schema(name = "WmsWritten", description = "The record a write changed.")
public record WmsWritten(
        @Schema(required = true, description = "The record as the system now has it: Trackstar's schema plus "
                + "trackstar_created_date and trackstar_updated_date") Map<String, Object> data,
        @Schema(required = true, description = "The ID of the object that has been created or modified") String id,
        @Schema(required = true, description = "Fields of the request the integration does not use (dot paths)") List<String> unusedFields) {
}
