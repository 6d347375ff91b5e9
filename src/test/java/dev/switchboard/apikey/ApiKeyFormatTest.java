package dev.switchboard.apikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.tenant.Environment;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApiKeyFormatTest {

    @Test
    void keys_have_prefix_32_random_base62_characters_and_a_6_character_checksum() {
        String key = ApiKeyFormat.generate(Environment.LIVE);
        assertTrue(key.matches("sb_live_[0-9A-Za-z]{38}"), key);
        assertEquals(ApiKeyFormat.checksum(key.substring(0, 40)), key.substring(40));
        assertTrue(ApiKeyFormat.generate(Environment.TEST).startsWith("sb_test_"));
    }

    @Test
    void a_generated_key_checks_out_with_its_environment() {
        assertEquals(Optional.of(Environment.TEST), ApiKeyFormat.check(ApiKeyFormat.generate(Environment.TEST)));
        assertEquals(Optional.of(Environment.LIVE), ApiKeyFormat.check(ApiKeyFormat.generate(Environment.LIVE)));
    }

    @Test
    void any_single_mistyped_character_fails_the_checksum() {
        String key = ApiKeyFormat.generate(Environment.TEST);
        for (int i = 8; i < key.length(); i++) {
            char replacement = key.charAt(i) == 'a' ? 'b' : 'a';
            String typo = key.substring(0, i) + replacement + key.substring(i + 1);
            assertEquals(Optional.empty(), ApiKeyFormat.check(typo), "typo at " + i);
        }
    }

    @Test
    void swapping_the_environment_prefix_fails_the_checksum() {
        String key = ApiKeyFormat.generate(Environment.TEST);
        assertEquals(Optional.empty(), ApiKeyFormat.check("sb_live_" + key.substring(8)));
    }

    @Test
    void malformed_keys_are_rejected() {
        String key = ApiKeyFormat.generate(Environment.TEST);
        for (String bad : new String[]{ null, "", "sb_test_", key.substring(0, 45), "sk_test_" + key.substring(8),
                key.substring(0, 20) + "-" + key.substring(21), key + "x".repeat(200) }) {
            assertEquals(Optional.empty(), ApiKeyFormat.check(bad), String.valueOf(bad));
        }
    }

    @Test
    void keys_are_random_and_hashed_with_sha256() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(ApiKeyFormat.generate(Environment.TEST)));
        }
        String key = seen.iterator().next();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)),
                ApiKeyFormat.hash(key));
        assertEquals("sb_test_" + key.substring(8, 14), ApiKeyFormat.displayPrefix(key));
        assertNotEquals(key, ApiKeyFormat.displayPrefix(key));
    }
}
