package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.tenant.Environment;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccessTokenFormatTest {

    @Test
    void a_token_is_prefixed_random_and_checksummed() {
        String token = AccessTokenFormat.generate();
        assertTrue(token.matches("sb_at_[0-9A-Za-z]{38}"), token);
        assertTrue(AccessTokenFormat.check(token));
        assertNotEquals(token, AccessTokenFormat.generate());
    }

    @Test
    void a_typo_or_a_made_up_token_fails_the_checksum() {
        String token = AccessTokenFormat.generate();
        char last = token.charAt(10);
        String typo = token.substring(0, 10) + (last == 'a' ? 'b' : 'a') + token.substring(11);
        assertFalse(AccessTokenFormat.check(typo));
        assertFalse(AccessTokenFormat.check("sb_at_" + "a".repeat(38)));
        assertFalse(AccessTokenFormat.check(token + "x"));
        assertFalse(AccessTokenFormat.check(token.replace("sb_at_", "sb_xx_")));
        assertFalse(AccessTokenFormat.check(null));
        assertFalse(AccessTokenFormat.check(token.substring(0, 20) + "-" + token.substring(21)));
    }

    @Test
    void an_api_key_is_not_an_access_token() {
        String key = ApiKeyFormat.generate(Environment.TEST);
        assertFalse(AccessTokenFormat.check(key));
        assertEquals(AccessTokenFormat.LENGTH, "sb_at_".length() + 32 + 6);
    }
}
