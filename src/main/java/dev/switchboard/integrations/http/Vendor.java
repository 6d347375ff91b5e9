package dev.switchboard.integrations.http;

import java.time.Duration;

/**
 * A vendor's API as the outbound stack sees it: its catalog name (the circuit and the budget are per vendor), the name
 * customers know it by (in error messages), where it is, and how many requests one credential may make per window.
 */
public record Vendor(String name, String displayName, String baseUrl, int requestsPerWindow, Duration window) {

    public Vendor {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** {@code path} (starting with a slash) under the base URL. */
    public String url(String path) {
        return baseUrl + path;
    }
}
