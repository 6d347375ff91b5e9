package dev.switchboard.wms.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.switchboard.error.ValidationProblem;

/**
 * The {@code page_token} of the WMS lists: base64url of {@code "<fingerprint>:<record id>"}, the last record of the
 * previous page and a hash of the filters it was listed with (the route, its path parameters and every query
 * parameter but {@code limit} and {@code page_token}). Records are listed in record-id order, so the next page starts
 * strictly after that id, whatever changed in between; a token presented with other filters is a 422, not a silently
 * different listing. Opaque to clients.
 */
final class RecordPageToken {

    private RecordPageToken() {
    }

    static String encode(String fingerprint, String recordId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((fingerprint + ":" + recordId).getBytes(StandardCharsets.UTF_8));
    }

    /** The record id a page token continues after; null without a token; a 422 at {@code query.page_token}. */
    static String after(String pageToken, String fingerprint) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid page token.");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1 || decoded.indexOf('\0') >= 0) {
            throw invalid("Invalid page token.");
        }
        if (!decoded.substring(0, colon).equals(fingerprint)) {
            throw invalid("This page token belongs to a listing with other filters: keep every filter of the first "
                    + "page on the next ones.");
        }
        return decoded.substring(colon + 1);
    }

    private static ValidationProblem invalid(String message) {
        return ValidationProblem.of(ValidationProblem.QUERY, "page_token", message);
    }
}
