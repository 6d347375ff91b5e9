package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The one URL policy, in production (switch off) and in dev and tests (on): the switch only adds this machine. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UrlPolicyTest {

    private final UrlPolicy production = new UrlPolicy(false);
    private final UrlPolicy dev = new UrlPolicy(true);

    @Test
    void production_takes_https_only() {
        assertEquals(Optional.empty(), production.checkUrl("https://app.example.com/done"));
        for (String url : List.of("http://localhost:3000/done", "http://127.0.0.1/x", "http://[::1]/x",
                "http://app.example.com/done")) {
            assertEquals(Optional.of(UrlPolicy.HTTPS_ONLY), production.checkUrl(url), url);
        }
        assertEquals(Optional.of("Not a valid URL."), production.checkUrl("https://user:pw@app.example.com/"));
        assertEquals(Optional.of("Not a valid URL."), production.checkUrl("/relative"));
        assertFalse(production.isAllowedLocal("http", "localhost"));
    }

    @Test
    void dev_adds_this_machine_and_nothing_else() {
        for (String url : List.of("http://localhost:3000/done", "http://127.0.0.1/x", "http://[::1]:8080/x",
                "https://LOCALHOST./x")) {
            assertEquals(Optional.empty(), dev.checkUrl(url), url);
        }
        assertEquals(Optional.of(UrlPolicy.HTTPS_OR_LOCAL), dev.checkUrl("http://app.example.com/done"));
        assertEquals(Optional.of(UrlPolicy.HTTPS_OR_LOCAL), dev.checkUrl("http://localhost.evil.example/"));
        assertEquals(Optional.of(UrlPolicy.HTTPS_OR_LOCAL), dev.checkUrl("ftp://localhost/"));
    }

    @Test
    void origins_are_normalised_and_checked_by_the_same_rule() {
        assertEquals(Optional.of("https://app.example.com:8443"), production.origin("HTTPS://App.Example.com:8443"));
        assertEquals(Optional.empty(), production.origin("https://app.example.com/path"));
        assertEquals(Optional.empty(), production.origin("http://localhost:3000"));
        assertEquals(Optional.of("http://localhost:3000"), dev.origin("http://localhost:3000"));
        assertEquals(Optional.empty(), dev.origin("http://app.example.com"));
    }

    @Test
    void framing_is_the_allowed_origins_plus_local_pages_in_dev_only() {
        List<String> allowed = List.of("https://app.example.com");
        assertTrue(production.mayFrame("https://app.example.com", allowed));
        assertFalse(production.mayFrame("http://localhost:3000", allowed));
        assertFalse(production.mayFrame("https://evil.example", allowed));
        assertFalse(production.mayFrame(null, allowed));
        assertTrue(dev.mayFrame("http://localhost:3000", List.of()));
        assertTrue(dev.mayFrame("http://127.0.0.1:5173", List.of()));
        assertFalse(dev.mayFrame("https://evil.example", allowed));
        assertFalse(dev.mayFrame("http://app.example.com", allowed));
    }
}
