package dev.switchboard.connection;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.common.Base62;

/**
 * Connection access tokens: {@code sb_at_}, 32 random base62 characters, then the 6-character CRC32 checksum API keys
 * use ({@link ApiKeyFormat#checksum}). The prefix lets secret scanners recognise a leaked token; the checksum refuses a
 * mistyped or made-up one without a database look-up.
 */
public final class AccessTokenFormat {

    static final String PREFIX = "sb_at_";
    static final int RANDOM_LENGTH = 32;
    static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + 6;

    private AccessTokenFormat() {
    }

    public static String generate() {
        String body = PREFIX + Base62.random(RANDOM_LENGTH);
        return body + ApiKeyFormat.checksum(body);
    }

    /** Whether {@code token} is well formed and its checksum matches. */
    public static boolean check(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)
                || !Base62.isBase62(token, PREFIX.length(), LENGTH)) {
            return false;
        }
        int split = LENGTH - 6;
        return ApiKeyFormat.checksum(token.substring(0, split)).equals(token.substring(split));
    }
}
