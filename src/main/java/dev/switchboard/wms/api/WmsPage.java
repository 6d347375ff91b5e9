package dev.switchboard.wms.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The list envelope, for the API documentation only: {@link WmsReads} writes bodies straight from the stored JSON.
 * Each route's records are the Trackstar schema its response names.
 */
@Schema(name = "WmsPage", description = "A page of records. next_token is the page_token of the next page (null on "
        + "the last); total_count is the number of records in this page.")
public record WmsPage(
        @Schema(required = true, description = "The records, each Trackstar's schema of the route plus "
                + "trackstar_created_date and trackstar_updated_date") List<Map<String, Object>> data,
        @Schema(required = true, nullable = true) String nextToken,
        @Schema(required = true) int totalCount) {
}
