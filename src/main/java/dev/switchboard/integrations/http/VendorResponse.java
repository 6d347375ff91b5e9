package dev.switchboard.integrations.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;

/** A vendor's answer: status, headers (names case-insensitive) and the raw body. */
public final class VendorResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vendor vendor;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public VendorResponse(Vendor vendor, int status, Map<String, List<String>> headers, byte[] body) {
        this.vendor = vendor;
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        this.headers = copy;
        this.body = body == null ? new byte[0] : body;
    }

    public int status() {
        return status;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON is a transient failure (a proxy's error page, a cut response). */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw new AdapterException(AdapterException.Kind.TRANSIENT, vendor.displayName()
                    + " answered with a body that is not valid JSON (HTTP " + status + ", " + body.length + " bytes).",
                    null, null, status, e);
        }
    }

    /** This response when it is a 2xx; otherwise the vendor refused for good: PERMANENT, with the vendor's reason. */
    public VendorResponse requireSuccess(WmsFunction function) {
        if (!ok()) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, vendor.displayName() + " refused the request: "
                    + VendorFailures.reason(this), null, function, status, null);
        }
        return this;
    }
}
