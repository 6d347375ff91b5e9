package dev.switchboard.webhook;

/**
 * Encryption at rest of what the webhook module must keep but not show: queued payloads (connection.created carries an
 * access token) and endpoint secrets. {@code context} binds a ciphertext to the row it belongs to (associated data),
 * so a sealed value copied to another row does not open.
 * <p>
 * Implemented by {@link SecretBoxPayloadCipher} on the shared {@code dev.switchboard.crypto.SecretBox}; another key
 * store means writing
 * another implementation of these two methods.
 */
public interface PayloadCipher {

    byte[] seal(byte[] plaintext, String context);

    /** @throws IllegalStateException when the value was not sealed with this key and context (tampered or wrong key) */
    byte[] open(byte[] sealed, String context);
}
