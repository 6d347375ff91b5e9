package dev.switchboard.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.switchboard.config.UrlPolicy;

/**
 * Keeps webhooks off the service's own network (SSRF). A URL must be {@code https} and its host must not be, or resolve
 * to, a loopback, private, link-local, shared (CGNAT), reserved, multicast or cloud-metadata address. Checked when an
 * endpoint is saved and again before every attempt, where the checked address is the one connected to, so a name that
 * re-resolves elsewhere afterwards (DNS rebinding) is never followed. Where {@code config.UrlPolicy} allows this
 * machine
 * (dev, tests), {@code http} or {@code https} to {@code localhost}, {@code 127.0.0.1} or {@code [::1]} is allowed.
 */
@Singleton
public class UrlGuard {

    public static final int MAX_URL_LENGTH = 2048;
    static final String BLOCKED = "Must not point to a loopback, private, link-local or metadata address.";
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal");

    /** A URL that passed the checks, and the address to connect to. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** Why a URL may not be called; the message is fit for a 422 or a delivery's last_error. */
    public static final class Refused extends Exception {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowLocalhost;

    @Inject
    public UrlGuard(UrlPolicy policy) {
        this(policy.allowsLocalhost());
    }

    UrlGuard(boolean allowLocalhost) {
        this.allowLocalhost = allowLocalhost;
    }

    /** Why the URL may not be saved, if it may not. A name that does not resolve (yet) is accepted. */
    public Optional<String> checkForSave(String raw) {
        try {
            check(raw, false);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** Parses, resolves and checks the URL for one attempt. */
    public Target checkForDelivery(String raw) throws Refused {
        return check(raw, true);
    }

    private Target check(String raw, boolean mustResolve) throws Refused {
        if (raw.length() > MAX_URL_LENGTH) {
            throw new Refused("Longer than maximum length " + MAX_URL_LENGTH + ".");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new Refused("Not a valid URL.");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("Not a valid URL.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean local = allowLocalhost && UrlPolicy.isLocalHost(host);
        if (!scheme.equals("https") && !(local && scheme.equals("http"))) {
            throw new Refused("Must be an https URL.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("Must not contain a user name or password.");
        }
        if (!local && (host.equals("localhost") || host.endsWith(".localhost") || METADATA_HOSTS.contains(host))) {
            throw new Refused(BLOCKED);
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (mustResolve) {
                throw new Refused("The host name does not resolve.");
            }
            return null;
        }
        for (InetAddress address : addresses) {
            if (local ? !address.isLoopbackAddress() : isBlocked(address)) {
                throw new Refused(BLOCKED);
            }
        }
        return new Target(uri, host, port, scheme.equals("https"), addresses[0]);
    }

    /** True for every address a webhook must never reach. */
    static boolean isBlocked(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return isBlockedV4(b, 0);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local, incl. AWS's fd00:ec2::254 metadata address
        }
        if (first == 0xfe && (second & 0x80) == 0x80) {
            return true; // fe80::/10 link-local, fec0::/10 site-local
        }
        boolean leading80Zero = true;
        for (int i = 0; i < 10; i++) {
            leading80Zero &= b[i] == 0;
        }
        if (leading80Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isBlockedV4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (leading80Zero && b[10] == 0 && b[11] == 0) {
            return true; // ::/96: unspecified, loopback, deprecated IPv4-compatible
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isBlockedV4(b, 12); // 64:ff9b::/96 NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return isBlockedV4(b, 2); // 2002::/16 6to4
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return true; // 2001:db8::/32 documentation
        }
        return first == 0x01 && second == 0x00 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0
                && b[7] == 0;
    }

    private static boolean isBlockedV4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        int d = b[at + 2] & 0xff;
        return a == 0 // 0.0.0.0/8 "this network"
                || a == 10 // private
                || a == 127 // loopback
                || (a == 169 && c == 254) // link-local, incl. the 169.254.169.254 metadata address
                || (a == 172 && (c & 0xf0) == 16) // private
                || (a == 192 && c == 168) // private
                || (a == 100 && (c & 0xc0) == 64) // 100.64.0.0/10 shared (CGNAT), incl. 100.100.100.200 metadata
                || (a == 192 && c == 0 && (d == 0 || d == 2)) // IETF protocol assignments, documentation
                || (a == 198 && (c & 0xfe) == 18) // benchmarking
                || (a == 198 && c == 51 && d == 100) // documentation
                || (a == 203 && c == 0 && d == 113) // documentation
                || a >= 224; // multicast, reserved, broadcast
    }
}
