package dev.switchboard.auth;

import java.time.Instant;
import java.util.Optional;

import dev.switchboard.tenant.ResolvedKey;

/**
 * What authentication needs from the store of API keys. Owned here and implemented by the {@code apikey} package, so
 * that {@code auth} depends on no feature and every feature, {@code apikey} included, may use {@link Caller} and
 * {@link RequiresScope}.
 */
public interface KeyLookup {

    /**
     * The hash under which a presented key would be stored, when the key is well formed and its checksum matches;
     * empty for anything else, which is refused without a database look-up.
     */
    Optional<byte[]> hashIfWellFormed(String presented);

    /** The cached answer for this hash, or null when there is none. */
    Optional<ResolvedKey> cached(byte[] hash);

    /** Looks the hash up (and caches the answer, found or not). */
    Optional<ResolvedKey> load(byte[] hash);

    /** Records that the key was used at {@code now}. */
    void touch(String keyId, Instant now);
}
