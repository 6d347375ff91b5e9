package dev.switchboard.hosted;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.switchboard.common.SecureRandoms;
import io.quarkus.qute.TemplateInstance;

/**
 * The headers every hosted page carries: a strict Content-Security-Policy (no inline script; the one inline style
 * needs the page's nonce), no caching, no referrer, and framing refused unless the page is the Connect modal, which
 * only its organization's origins may frame.
 */
final class HostedResponses {

    static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private HostedResponses() {
    }

    static String nonce() {
        byte[] bytes = new byte[16];
        SecureRandoms.get().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * An HTML response for {@code page}, rendered by {@code body}. The CSP takes the page's nonce, and allows images
     * from
     * the organization's logo origin. {@code frameAncestors} empty means the page may not be framed at all;
     * {@code formTargets} are URLs besides this service that a form's answer may redirect to (a link's redirect_url).
     */
    static Response html(int status, View.Page page, TemplateInstance body, Collection<String> frameAncestors,
            Collection<String> formTargets) {
        String nonce = page.nonce();
        Set<String> others = new LinkedHashSet<>();
        List<String> urls = new ArrayList<>(formTargets);
        if (page.brand().logoUrl() != null) {
            urls.add(page.brand().logoUrl());
        }
        for (String url : urls) {
            String origin = origin(url);
            if (origin != null) {
                others.add(origin);
            }
        }
        String more = others.isEmpty() ? "" : " " + String.join(" ", others);
        String ancestors = frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors);
        String csp = "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "'; img-src 'self'"
                + more + "; connect-src 'self'; form-action 'self'" + more + "; base-uri 'none'; frame-ancestors "
                + ancestors;
        Response.ResponseBuilder response = Response.status(status).type(HTML).entity(body.render())
                .header("Content-Security-Policy", csp)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Cross-Origin-Opener-Policy", "same-origin");
        if (frameAncestors.isEmpty()) {
            response.header("X-Frame-Options", "DENY");
        }
        return response.build();
    }

    /** A 303 after a POST, with the hosted pages' headers. */
    static Response seeOther(String location) {
        return Response.status(303).location(URI.create(location))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, or {@code null}. */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
