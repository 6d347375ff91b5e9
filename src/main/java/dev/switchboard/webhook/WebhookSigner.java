package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.common.SecureRandoms;

/**
 * Secrets and signatures. A secret is {@code whsec_} and the base64 of 32 random bytes.
 * <ul>
 * <li>{@code standard-webhooks}: the key is the decoded 32 bytes; {@code webhook-signature} is {@code v1,<base64 of
 * HMAC-SHA256("{id}.{timestamp}.{body}")>}, one per valid secret, space-separated; the three {@code webhook-*} headers
 * are repeated as {@code svix-*}.</li>
 * <li>{@code hmac-sha256-hex}: the key is the whole secret string (as M2M-style receivers use it);
 * {@code X-Switchboard-Signature} is {@code sha256=<hex of HMAC-SHA256("{timestamp}.{body}")>}, one per valid secret,
 * space-separated.</li>
 * </ul>
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        SecureRandoms.get().nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The signature headers of one attempt. {@code secrets}: the current secret first, then the previous one while it
     * is still valid.
     */
    public static Map<String, String> headers(SignatureScheme scheme, List<String> secrets, String eventId,
            String eventType,
            long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        String ts = Long.toString(timestamp);
        if (scheme == SignatureScheme.HMAC_SHA256_HEX) {
            byte[] signed = concat((ts + ".").getBytes(StandardCharsets.UTF_8), body);
            List<String> signatures = new ArrayList<>();
            for (String secret : secrets) {
                signatures.add(
                        "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed)));
            }
            headers.put("X-Switchboard-Id", eventId);
            headers.put("X-Switchboard-Event", eventType);
            headers.put("X-Switchboard-Timestamp", ts);
            headers.put("X-Switchboard-Signature", String.join(" ", signatures));
            return headers;
        }
        byte[] signed = concat((eventId + "." + ts + ".").getBytes(StandardCharsets.UTF_8), body);
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signed)));
        }
        String signature = String.join(" ", signatures);
        headers.put("webhook-id", eventId);
        headers.put("webhook-timestamp", ts);
        headers.put("webhook-signature", signature);
        headers.put("svix-id", eventId);
        headers.put("svix-timestamp", ts);
        headers.put("svix-signature", signature);
        return headers;
    }

    static byte[] standardKey(String secret) {
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
