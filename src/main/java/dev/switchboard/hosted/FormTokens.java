package dev.switchboard.hosted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.crypto.SecretBox;
import io.vertx.core.http.HttpServerRequest;

/**
 * CSRF protection for the hosted forms, without cookies (the Connect modal runs in a third-party frame, where cookies
 * are not sent). A form carries a token: the time it was issued and a keyed hash of that time and the link or link
 * token the form belongs to, so a token is good for one link, for {@link #TTL}, on every instance. A POST must also not
 * come from another site: {@code Sec-Fetch-Site: cross-site}, or an {@code Origin} whose host differs from ours, is
 * refused.
 */
@ApplicationScoped
class FormTokens {

    static final Duration TTL = Duration.ofHours(2);

    @Inject
    Clock clock;
    @Inject
    SecretBox secrets;

    String issue(String scope) {
        long issued = clock.instant().getEpochSecond();
        return issued + "." + encode(secrets.lookupHash(material(scope, issued)));
    }

    boolean isValid(String scope, String token, HttpServerRequest request) {
        if (token == null || token.length() > 200 || !sameSite(request)) {
            return false;
        }
        int dot = token.indexOf('.');
        long issued;
        try {
            issued = Long.parseLong(token.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (age < -60 || age > TTL.toSeconds()) {
            return false;
        }
        byte[] presented = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        // Every key still accepted (rotation) may have signed it.
        return secrets.lookupHashes(material(scope, issued)).stream()
                .anyMatch(hash -> MessageDigest.isEqual(presented, encode(hash).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String material(String scope, long issued) {
        return "hosted-form|" + scope + "|" + issued;
    }

    private static String encode(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    static boolean sameSite(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site)) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return true;
        }
        String host = request.getHeader("Host");
        String originHost = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        return host != null && host.equalsIgnoreCase(originHost);
    }
}
