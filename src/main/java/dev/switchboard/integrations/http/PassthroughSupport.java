package dev.switchboard.integrations.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.switchboard.integrations.Mapping;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Passthrough;

/**
 * The part of passthrough every vendor shares: the caller's path is checked to stay on the vendor's API (a plain path,
 * no scheme or host, no {@code ..} even encoded, no backslash, no control characters, under one of the vendor's
 * prefixes), the caller's headers lose anything about auth, hosts, cookies or proxies, and the vendor's answer is
 * returned as it came.
 */
public final class PassthroughSupport {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization", "host",
            "cookie", "content-length", "transfer-encoding", "connection", "te", "upgrade", "forwarded");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "transfer-encoding", "keep-alive",
            "set-cookie", "content-length", "content-encoding");
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PassthroughSupport() {
    }

    /** The vendor request for a caller's passthrough: checked path, query, JSON body, the caller's safe headers. */
    public static VendorRequest request(Vendor vendor, Passthrough.Request request, List<String> allowedPrefixes) {
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw refused("method must be one of " + METHODS);
        }
        String path = confine(request.path(), allowedPrefixes);
        String query = request.params().isEmpty()
                ? ""
                : "?" + Mapping.query(request.params().entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
        VendorRequest out = VendorRequest.of(method, vendor.url(path) + query).idempotent(false);
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!DROPPED_HEADERS.contains(lower) && !lower.startsWith("x-forwarded") && !lower.startsWith("proxy-")
                    && value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                out.header(name, value);
            }
        });
        if (request.data() != null && !request.data().isNull()) {
            out.json(request.data().toString());
        }
        return out;
    }

    /** A path on the vendor's API, or a refusal (PERMANENT, 400). */
    public static String confine(String path, List<String> allowedPrefixes) {
        if (path == null || path.isEmpty() || path.length() > 2048 || !SAFE_PATH.matcher(path).matches()) {
            throw refused("path must be a path on the system's API, starting with /");
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("//") || lower.contains("@") || lower.contains("%00")) {
            throw refused("path may not leave the system's API");
        }
        if (allowedPrefixes.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/")
                || prefix.endsWith("/") && path.startsWith(prefix))) {
            throw refused("path must start with one of " + allowedPrefixes);
        }
        return path;
    }

    /** The vendor's answer as it came. */
    public static Passthrough.Response response(VendorResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        JsonNode body;
        try {
            body = response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = TextNode.valueOf(response.text());
        }
        return new Passthrough.Response(response.status(), headers, body);
    }

    private static AdapterException refused(String why) {
        return new AdapterException(AdapterException.Kind.PERMANENT, "Passthrough refused: " + why + ".", null, null,
                400, null);
    }
}
