package dev.switchboard.integrations.http;

import java.time.Duration;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.crypto.SecretBox;
import dev.switchboard.ratelimit.RateLimitState;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The requests one vendor credential may still make, shared by every instance: a Bucket4j bucket per credential in
 * PostgreSQL ({@link RateLimiter}, the same buckets as API keys'). Syncs, writes, verification and passthrough all
 * spend from it. An empty bucket is RATE_LIMITED with the time until the next token: the caller yields, nobody sleeps.
 * Buckets are named by a keyed hash of the credential, never by the credential.
 */
@ApplicationScoped
public class VendorBudget {

    @Inject
    RateLimiter limiter;
    @Inject
    SecretBox secrets;

    /** Spends one request of {@code credential}'s budget at {@code vendor}, or throws RATE_LIMITED. */
    public void spend(Vendor vendor, String credential, WmsFunction function) {
        if (vendor.requestsPerWindow() <= 0 || credential == null) {
            return;
        }
        // Bucket4j commits its own short transaction; a caller's transaction (an install) is set aside meanwhile.
        RateLimitState state = QuarkusTransaction.suspendingExisting().call(() -> limiter.consume(
                "vendor:" + vendor.name(), bucketId(credential), vendor.requestsPerWindow(), vendor.window()));
        if (!state.allowed()) {
            throw new AdapterException(AdapterException.Kind.RATE_LIMITED, "Switchboard's budget of "
                    + vendor.requestsPerWindow() + " requests per " + describe(vendor.window()) + " to "
                    + vendor.displayName() + " for these credentials is spent for now.",
                    Duration.ofSeconds(state.resetSeconds()), function, 429, null);
        }
    }

    /** The bucket of a credential: 16 bytes of its HMAC under the encryption key. */
    public String bucketId(String credential) {
        return HexFormat.of().formatHex(secrets.lookupHash(credential), 0, 16);
    }

    private static String describe(Duration window) {
        return window.equals(Duration.ofMinutes(1)) ? "minute" : window.toSeconds() + " s";
    }
}
