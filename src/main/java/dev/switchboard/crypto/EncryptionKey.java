package dev.switchboard.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One 256-bit key of {@code SWITCHBOARD_ENCRYPTION_KEY} (or of the old keys kept for decryption). The AES key
 * encrypts; a separate HMAC key, derived from it, makes lookup hashes; the id, also derived, is stored with every
 * ciphertext so a rotated key can still be found.
 */
final class EncryptionKey {

    static final int LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    final String id;
    final SecretKey aes;
    final SecretKey lookup;

    private EncryptionKey(byte[] raw) {
        this.id = HexFormat.of().formatHex(hmac(raw, "switchboard key-id v1"), 0, 6);
        this.aes = new SecretKeySpec(raw, "AES");
        this.lookup = new SecretKeySpec(hmac(raw, "switchboard lookup-hash v1"), HMAC);
    }

    /** Why {@code base64} is not a usable key, or empty when it is. Never echoes the value. */
    static Optional<String> problemWith(String base64) {
        if (base64 == null || base64.isBlank()) {
            return Optional.of("is empty");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("is not valid base64");
        }
        if (raw.length != LENGTH) {
            return Optional.of("must decode to 32 bytes, not " + raw.length);
        }
        return Optional.empty();
    }

    static EncryptionKey parse(String setting, String base64) {
        problemWith(base64).ifPresent(problem -> {
            throw new IllegalStateException(setting + " " + problem + " (generate one with: openssl rand -base64 32)");
        });
        return new EncryptionKey(Base64.getDecoder().decode(base64.strip()));
    }

    byte[] lookupHash(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(lookup);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
