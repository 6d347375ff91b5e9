package dev.switchboard.wms.api;

import java.util.List;

/**
 * A checked list request.
 *
 * @param conditions the filters, all of which a record must match (empty when {@code ids} is given)
 * @param ids {@code ids[in]}, or null
 * @param limit 1..1000
 * @param afterRecordId the page token's position: the page starts after this record id; null on the first page
 * @param fingerprint what the filters hash to; a page token carries it, so it only continues the same listing
 */
public record ReadQuery(List<Condition> conditions, List<String> ids, int limit, String afterRecordId,
        String fingerprint) {
}
