package dev.switchboard.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EncryptionKeyConfigSourceFactoryTest {

    private static final String GOOD = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void the_packaged_app_without_a_key_is_told_in_one_line_what_to_set() {
        String message = EncryptionKeyConfigSourceFactory.problem(null, null).orElseThrow();
        assertTrue(message.startsWith("Switchboard needs an encryption key"), message);
        assertTrue(message.contains("SWITCHBOARD_ENCRYPTION_KEY") && message.contains("openssl rand -base64 32"),
                message);
        assertTrue(!message.contains("\n"));
    }

    @Test
    void malformed_keys_are_named_and_good_ones_pass() {
        assertEquals(Optional.empty(), EncryptionKeyConfigSourceFactory.problem(GOOD, null));
        assertEquals(Optional.empty(), EncryptionKeyConfigSourceFactory.problem(GOOD, GOOD + "," + GOOD));
        assertTrue(EncryptionKeyConfigSourceFactory.problem("abc", null).orElseThrow()
                .startsWith("SWITCHBOARD_ENCRYPTION_KEY must decode to 32 bytes"));
        assertTrue(EncryptionKeyConfigSourceFactory.problem(GOOD, GOOD + ",%%").orElseThrow()
                .startsWith("An entry of SWITCHBOARD_ENCRYPTION_OLD_KEYS is not valid base64"));
    }

    @Test
    void dev_mode_generates_a_private_key_file_once_and_keeps_it(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".switchboard/encryption.key");
        String first = EncryptionKeyConfigSourceFactory.devKey(file);
        assertEquals(32, Base64.getDecoder().decode(first).length);
        assertEquals(first, EncryptionKeyConfigSourceFactory.devKey(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        new SecretBox(first, List.of());
    }
}
