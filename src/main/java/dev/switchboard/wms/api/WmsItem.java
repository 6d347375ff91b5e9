package dev.switchboard.wms.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The single-item envelope, for the API documentation only (see {@link WmsPage}). */
@Schema(name = "WmsItem", description = "One record.")
public record WmsItem(
        @Schema(required = true, description = "The record: Trackstar's schema of the route plus "
                + "trackstar_created_date and trackstar_updated_date") Map<String, Object> data) {
}
