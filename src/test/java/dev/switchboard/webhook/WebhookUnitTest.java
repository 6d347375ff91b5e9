package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.crypto.SecretBox;

/** The pure parts: address classes, the retry schedule, Retry-After, the cipher. No Quarkus. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WebhookUnitTest {

    @Test
    void internal_addresses_are_blocked_and_public_ones_are_not() throws Exception {
        for (String blocked : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254",
                "100.64.0.1", "100.127.255.255", "0.0.0.0", "255.255.255.255", "224.0.0.251", "198.18.0.1",
                "192.0.0.192",
                "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:10.0.0.1", "64:ff9b::7f00:1",
                "2002:a9fe:a9fe::",
                "2001:db8::1", "fec0::1", "ff02::1")) {
            assertTrue(UrlGuard.isBlocked(InetAddress.getByName(blocked)), blocked);
        }
        for (String open : List.of("93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
                "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::")) {
            assertFalse(UrlGuard.isBlocked(InetAddress.getByName(open)), open);
        }
    }

    @Test
    void without_the_localhost_allowance_localhost_is_refused_at_delivery() {
        UrlGuard production = new UrlGuard(false);
        UrlGuard.Refused refused = assertThrows(UrlGuard.Refused.class,
                () -> production.checkForDelivery("https://localhost:8443/x"));
        assertEquals(UrlGuard.BLOCKED, refused.getMessage());
        assertEquals(Optional.of("Must be an https URL."), production.checkForSave("http://127.0.0.1/x"));
        assertEquals(Optional.of(UrlGuard.BLOCKED), production.checkForSave("https://127.0.0.1/x"));
        assertEquals(Optional.empty(), production.checkForSave("https://93.184.215.14/x"));
    }

    @Test
    void retries_follow_the_schedule_then_stop() {
        RetryPolicy policy = new RetryPolicy(
                List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                        Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
                Duration.ofHours(24));
        assertEquals(8, policy.maxAttempts());
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy.nextDelay(1, null));
        assertEquals(Optional.of(Duration.ofHours(10)), policy.nextDelay(7, null));
        assertEquals(Optional.empty(), policy.nextDelay(8, null));
        assertEquals(Optional.of(Duration.ofSeconds(120)), policy.nextDelay(1, Duration.ofSeconds(120)),
                "Retry-After wins when longer");
        assertEquals(Optional.of(Duration.ofMinutes(5)), policy.nextDelay(2, Duration.ofSeconds(1)),
                "never sooner than the schedule");
        assertEquals(Optional.of(Duration.ofHours(24)), policy.nextDelay(1, Duration.ofDays(30)), "capped");
    }

    @Test
    void retry_after_is_seconds_or_an_http_date() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertEquals(Duration.ofSeconds(120), DeliverySender.parseRetryAfter("120", now));
        assertNull(DeliverySender.parseRetryAfter("soon", now));
        assertNull(DeliverySender.parseRetryAfter("-5", now));
        assertNull(DeliverySender.parseRetryAfter(null, now));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(60).atZone(ZoneOffset.UTC));
        assertEquals(Duration.ofSeconds(60), DeliverySender.parseRetryAfter(inAMinute, now));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(60).atZone(ZoneOffset.UTC));
        assertEquals(Duration.ZERO, DeliverySender.parseRetryAfter(past, now));
    }

    @Test
    void sealed_values_open_only_with_the_same_key_and_context() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        SecretBoxPayloadCipher cipher = new SecretBoxPayloadCipher(new SecretBox(key, List.of()));
        byte[] plain = "{\"access_token\":\"tok\"}".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(plain, "a");
        assertArrayEquals(plain, cipher.open(sealed, "a"));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("tok"));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "b"));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThrows(IllegalStateException.class, () -> new SecretBoxPayloadCipher(
                new SecretBox(Base64.getEncoder().encodeToString(other), List.of())).open(sealed, "a"));
        // Not another module's value either: the context is the webhook module's own.
        assertThrows(IllegalStateException.class, () -> new SecretBox(key, List.of()).open(sealed, "a"));
    }
}
