package dev.switchboard.auth;

import jakarta.enterprise.context.RequestScoped;

import dev.switchboard.error.ApiException;
import dev.switchboard.ratelimit.RateLimitState;
import dev.switchboard.tenant.ResolvedKey;
import dev.switchboard.tenant.Scope;
import dev.switchboard.tenant.Tenant;

/** Who is calling: set by {@link ApiKeyAuthFilter} before any resource method runs. */
@RequestScoped
public class Caller {

    private ResolvedKey key;
    private RateLimitState rateLimit;

    void authenticate(ResolvedKey key) {
        this.key = key;
    }

    void rateLimit(RateLimitState state) {
        this.rateLimit = state;
    }

    RateLimitState rateLimit() {
        return rateLimit;
    }

    public Tenant tenant() {
        return key().tenant();
    }

    public String keyId() {
        return key().id();
    }

    public Scope scope() {
        return key().scope();
    }

    private ResolvedKey key() {
        if (key == null) {
            // A resource without authentication asked who is calling: a programming error, never a client's.
            throw new IllegalStateException("No authenticated caller on this request");
        }
        return key;
    }

    static ApiException insufficientScope(Scope needed) {
        return KeyAuthenticator.insufficientScope(needed);
    }
}
