package dev.switchboard.integrations.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a vendor's API. {@code idempotent} calls (reads, and writes the vendor makes safe to repeat) are retried
 * after a transient failure; the others are sent once, because a timeout does not say whether the vendor acted.
 */
public final class VendorRequest {

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean idempotent;
    private boolean answersEmpty;

    private VendorRequest(String method, String url, boolean idempotent) {
        this.method = method;
        this.url = url;
        this.idempotent = idempotent;
    }

    public static VendorRequest get(String url) {
        return new VendorRequest("GET", url, true);
    }

    /** A POST, not retried unless {@link #idempotent(boolean)} says otherwise (GraphQL queries, token requests). */
    public static VendorRequest post(String url) {
        return new VendorRequest("POST", url, false);
    }

    public static VendorRequest put(String url) {
        return new VendorRequest("PUT", url, false);
    }

    public static VendorRequest of(String method, String url) {
        return new VendorRequest(method, url, "GET".equals(method) || "HEAD".equals(method));
    }

    public VendorRequest header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public VendorRequest json(byte[] json) {
        this.body = json;
        headers.putIfAbsent("Content-Type", "application/json");
        return this;
    }

    public VendorRequest json(String json) {
        return json(json.getBytes(StandardCharsets.UTF_8));
    }

    public VendorRequest body(byte[] body) {
        this.body = body;
        return this;
    }

    public VendorRequest idempotent(boolean idempotent) {
        this.idempotent = idempotent;
        return this;
    }

    /**
     * The vendor documents a success without a body for this call (ShipBob's {@code POST /return/{id}:cancel}
     * declares a bare 200), so an empty 2xx is its answer rather than one lost on the way.
     */
    public VendorRequest answersEmpty() {
        this.answersEmpty = true;
        return this;
    }

    public boolean mayAnswerEmpty() {
        return answersEmpty;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public boolean idempotent() {
        return idempotent;
    }
}
