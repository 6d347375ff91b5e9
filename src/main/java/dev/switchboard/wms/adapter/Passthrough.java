package dev.switchboard.wms.adapter;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Trackstar's {@code POST /wms/passthrough}: a request to the system's own API on the connection's behalf, with the
 * system's auth injected by the adapter and the path confined to the system's API.
 */
public final class Passthrough {

    private Passthrough() {
    }

    /**
     * What the caller asked for: {@code path} relative to the system's API ({@code /2026-01/order}), optional JSON
     * {@code data}, extra {@code headers} (never auth) and query {@code params}.
     */
    public record Request(String method, String path, JsonNode data, Map<String, String> headers,
            Map<String, String> params) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /** The system's answer as it came: status, headers, and the body (JSON when it was JSON, else its text). */
    public record Response(int statusCode, Map<String, String> headers, JsonNode body) {
    }
}
