package dev.switchboard.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.switchboard.crypto.SecretBox;

/**
 * Webhook secrets and queued payloads sealed like every other secret at rest: AES-256-GCM under
 * {@code SWITCHBOARD_ENCRYPTION_KEY}, with the key id in each value so keys rotate ({@link SecretBox}). The context is
 * prefixed so a webhook value never opens as another module's.
 */
@Singleton
public class SecretBoxPayloadCipher implements PayloadCipher {

    private final SecretBox box;

    @Inject
    public SecretBoxPayloadCipher(SecretBox box) {
        this.box = box;
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        return box.seal(plaintext, "webhook|" + context);
    }

    /** @throws SecretBox.SealedValueUnreadable (an {@link IllegalStateException}) for a wrong key or context */
    @Override
    public byte[] open(byte[] sealed, String context) {
        return box.open(sealed, "webhook|" + context);
    }
}
