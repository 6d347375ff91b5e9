package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The one rule for URLs a tenant gives the service or that a browser presents to it (issue 14): production takes
 * {@code https} only; {@code switchboard.allow-insecure-localhost} (on in dev and tests, off by default) also takes
 * {@code http} and {@code https} to this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), and nothing
 * else. Every user reads it here: magic links' {@code redirect_url}, the organization's {@code logo_url} and
 * {@code allowed_origins}, which origins may frame the Connect modal, and webhook endpoints ({@code webhook.UrlGuard},
 * which adds its SSRF checks on top). The switch only adds this machine: it never opens anything to another host.
 */
@Singleton
public class UrlPolicy {

    public static final String HTTPS_ONLY = "Must be an https URL.";
    public static final String HTTPS_OR_LOCAL = "Must be an https URL (or http://localhost).";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    private final boolean allowLocalhost;

    @Inject
    public UrlPolicy(SwitchboardConfig config) {
        this(config.allowInsecureLocalhost());
    }

    public UrlPolicy(boolean allowLocalhost) {
        this.allowLocalhost = allowLocalhost;
    }

    /** Whether this machine's addresses are accepted over http (dev and tests). */
    public boolean allowsLocalhost() {
        return allowLocalhost;
    }

    /** {@code localhost}, {@code 127.0.0.1} or {@code ::1} (brackets and a trailing dot ignored, any case). */
    public static boolean isLocalHost(String host) {
        return host != null && LOCAL_HOSTS.contains(normalHost(host));
    }

    /** The host as compared: lower case, without IPv6 brackets or a trailing dot. */
    public static String normalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Whether a URL with this scheme and host is local and allowed to be (http or https to this machine). */
    public boolean isAllowedLocal(String scheme, String host) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        return allowLocalhost && (s.equals("http") || s.equals("https")) && isLocalHost(host);
    }

    /**
     * Why {@code raw} is not an acceptable absolute URL, if it is not: not a URL, no host, a user name or password, or
     * a scheme other than https (http to this machine when the switch is on).
     */
    public Optional<String> checkUrl(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return Optional.of("Not a valid URL.");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null) {
            return Optional.of("Not a valid URL.");
        }
        if ("https".equalsIgnoreCase(uri.getScheme()) || isAllowedLocal(uri.getScheme(), uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(allowLocalhost ? HTTPS_OR_LOCAL : HTTPS_ONLY);
    }

    /**
     * An origin as browsers send it ({@code scheme://host[:port]}, lower case, no path, query or user), if
     * {@code raw} is one this policy accepts; empty otherwise.
     */
    public Optional<String> origin(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            if (host == null || !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null || !("https".equals(scheme) || isAllowedLocal(scheme, host))) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a page at {@code origin} may frame what the organization offers: it is one of its
     * {@code allowedOrigins}, or a local origin while the switch is on. Never any other origin.
     */
    public boolean mayFrame(String origin, Collection<String> allowedOrigins) {
        if (origin == null) {
            return false;
        }
        return allowedOrigins.contains(origin) || isLocalOrigin(origin);
    }

    /** A local origin (http(s) to this machine) while the switch is on. */
    public boolean isLocalOrigin(String origin) {
        if (origin == null || !allowLocalhost) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return isAllowedLocal(uri.getScheme(), uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
