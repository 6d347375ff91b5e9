package dev.switchboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Quarkus trusts every peer when no trusted proxy is listed; the service refuses to start so (issue 14). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ForwardingPolicyTest {

    @Test
    void forwarding_without_a_trusted_proxy_is_refused() {
        assertEquals(Optional.of(ForwardingPolicy.UNTRUSTED), ForwardingPolicy.problem(true, true, List.of()));
        assertEquals(Optional.of(ForwardingPolicy.UNTRUSTED), ForwardingPolicy.problem(true, true, List.of(" ")));
    }

    @Test
    void no_forwarding_or_a_listed_proxy_is_fine() {
        assertEquals(Optional.empty(), ForwardingPolicy.problem(false, false, List.of()));
        assertEquals(Optional.empty(), ForwardingPolicy.problem(false, true, List.of()));
        // Forwarding on with both headers set off reads no header.
        assertEquals(Optional.empty(), ForwardingPolicy.problem(true, false, List.of()));
        assertEquals(Optional.empty(), ForwardingPolicy.problem(true, true, List.of("10.0.0.0/8")));
        assertEquals(Optional.empty(), ForwardingPolicy.problem(true, true, List.of("0.0.0.0/0", "::/0")));
    }
}
