package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;

/**
 * AES-256-GCM with the JDK, keyed by {@code switchboard.webhooks.payload-key}. Sealed form: one version byte (1), a
 * random 12-byte nonce, then the ciphertext with its 16-byte tag. The context is the associated data.
 */
@Singleton
public class AesGcmPayloadCipher implements PayloadCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    AesGcmPayloadCipher(SwitchboardConfig config) {
        this(config.webhooks().payloadKey().orElseThrow(() -> new IllegalStateException(
                "SWITCHBOARD_WEBHOOKS_PAYLOAD_KEY is not set: give it 32 random bytes in base64 (openssl rand -base64 32).")));
    }

    AesGcmPayloadCipher(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SWITCHBOARD_WEBHOOKS_PAYLOAD_KEY is not valid base64.");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("SWITCHBOARD_WEBHOOKS_PAYLOAD_KEY must be 32 bytes (base64), not " + raw.length + ".");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("Not a sealed value");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value did not open (wrong key or tampered)");
        }
    }
}
