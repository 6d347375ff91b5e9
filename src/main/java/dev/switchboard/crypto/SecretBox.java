package dev.switchboard.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.switchboard.common.SecureRandoms;
import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.runtime.Startup;

/**
 * Secrets at rest: AES-256-GCM (JDK crypto) under {@code SWITCHBOARD_ENCRYPTION_KEY}, and keyed lookup hashes
 * (HMAC-SHA256) for secrets that are found by value, such as access tokens.
 * <p>
 * A sealed value is {@code [1][n][key id: n bytes][IV: 12 bytes][ciphertext + 16-byte tag]}. The header and a context
 * string (what the value is and which row it belongs to) are the GCM associated data, so a ciphertext copied into
 * another row or column does not open. Values sealed under an old key open as long as that key is listed in
 * {@code SWITCHBOARD_ENCRYPTION_OLD_KEYS}; new values are always sealed under the current key.
 */
@Startup
@Singleton
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final byte VERSION = 1;
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKey current;
    /** Every key that may open a value, by id; the current one first. */
    private final Map<String, EncryptionKey> keys = new LinkedHashMap<>();

    @Inject
    SecretBox(SwitchboardConfig config) {
        this(config.encryption().key().orElseThrow(() -> new IllegalStateException(
                "SWITCHBOARD_ENCRYPTION_KEY is not set (generate one with: openssl rand -base64 32)")),
                config.encryption().oldKeys().orElse(List.of()));
        // Ids only (derived one-way from the keys): what an operator needs to see when a rotation is complete.
        LOG.infof("Encryption key %s is current; old keys: %s", current.id,
                keys.size() == 1 ? "none" : String.join(", ", keys.keySet().stream().skip(1).toList()));
    }

    public SecretBox(String currentKey, List<String> oldKeys) {
        this.current = EncryptionKey.parse("SWITCHBOARD_ENCRYPTION_KEY", currentKey);
        keys.put(current.id, current);
        for (String old : oldKeys) {
            EncryptionKey key = EncryptionKey.parse("An entry of SWITCHBOARD_ENCRYPTION_OLD_KEYS", old);
            keys.putIfAbsent(key.id, key);
        }
    }

    /** The id of the key new values are sealed under. */
    public String currentKeyId() {
        return current.id;
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] id = current.id.getBytes(StandardCharsets.US_ASCII);
        byte[] iv = new byte[IV_LENGTH];
        SecureRandoms.get().nextBytes(iv);
        ByteBuffer header = ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.aes, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header.array());
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(header.capacity() + IV_LENGTH + ciphertext.length)
                    .put(header.array()).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    public byte[] seal(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * The plaintext of a sealed value. Throws {@link SealedValueUnreadable} when the value was sealed under a key this
     * instance does not hold, was altered, or belongs to another context.
     */
    public byte[] open(byte[] sealed, String context) {
        int idLength = sealed == null || sealed.length < 2 ? 0 : sealed[1];
        if (idLength <= 0 || sealed[0] != VERSION || sealed.length < 2 + idLength + IV_LENGTH + TAG_BITS / 8) {
            throw new SealedValueUnreadable("not a sealed value of a known version");
        }
        String id = new String(sealed, 2, idLength, StandardCharsets.US_ASCII);
        EncryptionKey key = keys.get(id);
        if (key == null) {
            throw new SealedValueUnreadable("sealed under key " + id
                    + ", which is neither SWITCHBOARD_ENCRYPTION_KEY nor in SWITCHBOARD_ENCRYPTION_OLD_KEYS");
        }
        int headerLength = 2 + idLength;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.aes, new GCMParameterSpec(TAG_BITS, sealed, headerLength, IV_LENGTH));
            cipher.updateAAD(sealed, 0, headerLength);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, headerLength + IV_LENGTH, sealed.length - headerLength - IV_LENGTH);
        } catch (AEADBadTagException e) {
            throw new SealedValueUnreadable("altered, or sealed for another context");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt", e);
        }
    }

    public String openString(byte[] sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    /** The id of the key a value was sealed under (for rotation reports). */
    public static String keyIdOf(byte[] sealed) {
        return new String(sealed, 2, sealed[1], StandardCharsets.US_ASCII);
    }

    /** The keyed hash to store for a secret that will be looked up by value: always under the current key. */
    public byte[] lookupHash(String value) {
        return current.lookupHash(value);
    }

    /** The hashes a stored row may hold for this value: one per key held, the current key's first. */
    public List<byte[]> lookupHashes(String value) {
        List<byte[]> hashes = new ArrayList<>(keys.size());
        keys.values().forEach(key -> hashes.add(key.lookupHash(value)));
        return hashes;
    }

    /** A sealed value this instance cannot open. Never carries the value or any key. */
    public static class SealedValueUnreadable extends IllegalStateException {

        SealedValueUnreadable(String why) {
            super("Cannot open a sealed value: " + why);
        }
    }
}
