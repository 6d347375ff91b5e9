package dev.switchboard.wms.api;

import java.util.List;

import dev.switchboard.http.PageToken;

/**
 * The {@code page_token} of the WMS lists, in the one {@link PageToken} format: {@code v1.<fingerprint>.<record id>},
 * the last record of the previous page and a hash of the filters it was listed with (the route, its path parameters
 * and every query parameter but {@code limit} and {@code page_token}). Records are listed in record-id order, so the
 * next page starts strictly after that id, whatever changed in between; a token presented with other filters is a
 * 422, not a silently different listing. Opaque to clients.
 */
final class RecordPageToken {

    private RecordPageToken() {
    }

    static String encode(String fingerprint, String recordId) {
        return PageToken.encode(fingerprint, recordId);
    }

    /** The record id a page token continues after; null without a token; a 422 at {@code query.page_token}. */
    static String after(String pageToken, String fingerprint) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        List<String> parts = PageToken.decode(pageToken, 2);
        if (!parts.get(0).equals(fingerprint)) {
            throw PageToken.invalid("This page token belongs to a listing with other filters: keep every filter of "
                    + "the first page on the next ones.");
        }
        return parts.get(1);
    }
}
