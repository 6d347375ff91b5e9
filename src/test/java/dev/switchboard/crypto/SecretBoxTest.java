package dev.switchboard.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretBoxTest {

    private static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_sealed_value_opens_in_its_context_and_hides_the_plaintext() {
        SecretBox box = new SecretBox(newKey(), List.of());
        byte[] sealed = box.seal("hunter2-secret-password", "connection.credentials:conn_1");
        assertFalse(contains(sealed, "hunter2".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hunter2-secret-password", box.openString(sealed, "connection.credentials:conn_1"));
        assertEquals(box.currentKeyId(), SecretBox.keyIdOf(sealed));
    }

    @Test
    void sealing_twice_gives_different_ciphertexts() {
        SecretBox box = new SecretBox(newKey(), List.of());
        assertFalse(Arrays.equals(box.seal("same", "c"), box.seal("same", "c")));
    }

    @Test
    void a_value_moved_to_another_row_does_not_open() {
        SecretBox box = new SecretBox(newKey(), List.of());
        byte[] sealed = box.seal("token", "connection.access_token:conn_1");
        assertThrows(SecretBox.SealedValueUnreadable.class, () -> box.open(sealed, "connection.access_token:conn_2"));
    }

    @Test
    void an_altered_value_does_not_open() {
        SecretBox box = new SecretBox(newKey(), List.of());
        byte[] sealed = box.seal("token", "c");
        for (int i : new int[]{ 1, 5, sealed.length - 20, sealed.length - 1 }) {
            byte[] altered = sealed.clone();
            altered[i] ^= 1;
            assertThrows(SecretBox.SealedValueUnreadable.class, () -> box.open(altered, "c"), "byte " + i);
        }
        assertThrows(SecretBox.SealedValueUnreadable.class, () -> box.open(new byte[]{ 1 }, "c"));
        assertThrows(SecretBox.SealedValueUnreadable.class, () -> box.open(null, "c"));
    }

    @Test
    void after_rotation_old_values_open_with_the_old_key_listed_and_new_ones_use_the_new_key() {
        String oldKey = newKey();
        String newKey = newKey();
        SecretBox before = new SecretBox(oldKey, List.of());
        byte[] sealedBefore = before.seal("credentials", "c");

        SecretBox after = new SecretBox(newKey, List.of(oldKey));
        assertEquals("credentials", after.openString(sealedBefore, "c"));
        byte[] sealedAfter = after.seal("credentials", "c");
        assertNotEquals(SecretBox.keyIdOf(sealedBefore), SecretBox.keyIdOf(sealedAfter));
        assertEquals(after.currentKeyId(), SecretBox.keyIdOf(sealedAfter));

        SecretBox forgotten = new SecretBox(newKey, List.of());
        SecretBox.SealedValueUnreadable e = assertThrows(SecretBox.SealedValueUnreadable.class,
                () -> forgotten.open(sealedBefore, "c"));
        assertTrue(e.getMessage().contains(SecretBox.keyIdOf(sealedBefore)), e.getMessage());
        assertFalse(e.getMessage().contains(oldKey));
    }

    @Test
    void lookup_hashes_are_keyed_and_cover_every_key_held() {
        String oldKey = newKey();
        String newKey = newKey();
        SecretBox before = new SecretBox(oldKey, List.of());
        SecretBox after = new SecretBox(newKey, List.of(oldKey));
        byte[] stored = before.lookupHash("sb_at_token");
        assertEquals(32, stored.length);
        assertFalse(Arrays.equals(stored, after.lookupHash("sb_at_token")), "another key, another hash");
        List<byte[]> candidates = after.lookupHashes("sb_at_token");
        assertEquals(2, candidates.size());
        assertArrayEquals(after.lookupHash("sb_at_token"), candidates.get(0));
        assertArrayEquals(stored, candidates.get(1));
    }

    @Test
    void keys_that_are_not_32_bytes_of_base64_are_refused_without_echoing_them() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretBox("not base64!", List.of()));
        assertTrue(e.getMessage().contains("SWITCHBOARD_ENCRYPTION_KEY is not valid base64"), e.getMessage());
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        e = assertThrows(IllegalStateException.class, () -> new SecretBox(shortKey, List.of()));
        assertTrue(e.getMessage().contains("must decode to 32 bytes, not 16"), e.getMessage());
        assertFalse(e.getMessage().contains(shortKey));
        assertThrows(IllegalStateException.class, () -> new SecretBox(newKey(), List.of("short")));
    }
}
