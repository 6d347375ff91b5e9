package dev.switchboard.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.zip.CRC32;

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Environment;

/**
 * API keys: {@code sb_test_} or {@code sb_live_}, 32 random base62 characters, then a 6-character base62 CRC32 of
 * everything before it. The prefix lets secret scanners recognise a leaked key; the checksum rejects a mistyped or
 * made-up key without a database look-up. Keys are stored only as their SHA-256.
 */
public final class ApiKeyFormat {

    static final int RANDOM_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;
    static final int PREFIX_LENGTH = "sb_test_".length();
    /** Longer keys are refused unread: nothing we issue is longer, and no one should make us hash megabytes. */
    static final int MAX_LENGTH = 128;
    private static final int DISPLAY_RANDOM_CHARS = 6;

    private ApiKeyFormat() {
    }

    public static String generate(Environment environment) {
        String body = prefix(environment) + Base62.random(RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** The environment of a well-formed key whose checksum matches; empty for anything else. */
    public static Optional<Environment> check(String key) {
        if (key == null || key.length() < PREFIX_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH
                || key.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Environment environment;
        if (key.startsWith("sb_test_")) {
            environment = Environment.TEST;
        } else if (key.startsWith("sb_live_")) {
            environment = Environment.LIVE;
        } else {
            return Optional.empty();
        }
        if (!Base62.isBase62(key, PREFIX_LENGTH, key.length())) {
            return Optional.empty();
        }
        int split = key.length() - CHECKSUM_LENGTH;
        return checksum(key.substring(0, split)).equals(key.substring(split))
                ? Optional.of(environment)
                : Optional.empty();
    }

    /** What a person may see of a key after creation, e.g. {@code sb_test_4fZq1x}. */
    public static String displayPrefix(String key) {
        return key.substring(0, PREFIX_LENGTH + DISPLAY_RANDOM_CHARS);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The 6-character base62 CRC32 of {@code body}; also the checksum of connection access tokens. */
    public static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.fixedWidth(crc.getValue(), CHECKSUM_LENGTH);
    }

    private static String prefix(Environment environment) {
        return "sb_" + environment.value() + "_";
    }
}
