package dev.switchboard.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.error.ApiException;
import dev.switchboard.ratelimit.RateLimitState;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.tenant.OrganizationStatus;
import dev.switchboard.tenant.ResolvedKey;
import dev.switchboard.tenant.Scope;

/**
 * The one decision about an API key, shared by the REST filter ({@link ApiKeyAuthFilter}) and the MCP endpoint (a
 * Vert.x route): which key was presented, whether it is valid, whether its organization is active, whether its hourly
 * allowance has a request left, and whether its scope covers what is asked. Each step throws the documented
 * {@link ApiException}, so both edges answer with the same bodies. Blocking (it may read PostgreSQL): call it on a
 * worker thread.
 */
@ApplicationScoped
public class KeyAuthenticator {

    static final String MISSING = "Missing authentication. Provide the x-trackstar-api-key header.";
    static final String INVALID = "Invalid, expired or revoked API key.";

    @Inject
    Clock clock;
    @Inject
    KeyLookup resolver;
    @Inject
    FailedAttemptThrottle throttle;
    @Inject
    RateLimiter rateLimiter;
    @Inject
    Caller caller;

    /** A key that passed authentication, suspension and its rate limit, and what is left of its allowance. */
    public record Authenticated(ResolvedKey key, RateLimitState rateLimit) {
    }

    /**
     * Key, suspension, rate limit, in that order; spends one request of the key's allowance. A 401, 403 or 429
     * {@link ApiException} otherwise (a 429 carries the {@code x-ratelimit-*} and {@code Retry-After} headers).
     */
    public Authenticated authenticate(Optional<String> presented, String address) {
        ResolvedKey key = resolve(presented, address);
        if (key.organizationStatus() != OrganizationStatus.ACTIVE) {
            throw ApiException.forbidden("ORGANIZATION_SUSPENDED", "This organization is suspended. Contact support.");
        }
        RateLimitState limit = rateLimiter.consume(key.id(), key.rateLimitPerHour());
        if (!limit.allowed()) {
            throw ApiException.rateLimited(limit.resetSeconds(), rateLimitHeaders(limit));
        }
        return new Authenticated(key, limit);
    }

    /** A 403 naming the scope when the key's does not include {@code needed}; records the key's use otherwise. */
    public void authorize(ResolvedKey key, Scope needed) {
        if (!key.scope().includes(needed)) {
            throw insufficientScope(needed);
        }
        resolver.touch(key.id(), clock.instant());
    }

    /**
     * Makes an already authenticated key the {@link Caller} of the current request context, for edges other than
     * the REST filter (the MCP endpoint) that hand the request to the same resources and services.
     */
    public void actAs(Authenticated authenticated) {
        caller.authenticate(authenticated.key());
        caller.rateLimit(authenticated.rateLimit());
    }

    public static ApiException insufficientScope(Scope needed) {
        return ApiException.forbidden("FORBIDDEN",
                "This API key lacks the '" + needed.value() + "' scope needed here.");
    }

    /** The key a request presents: {@code x-trackstar-api-key}, {@code X-API-Key} or {@code Authorization: Bearer}. */
    public static Optional<String> presentedKey(Function<String, String> header) {
        for (String name : new String[]{ "x-trackstar-api-key", "X-API-Key" }) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.ofNullable(bearer(header.apply("Authorization")));
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = authorization.substring(7).trim();
        return value.isEmpty() ? null : value;
    }

    /** {@code x-ratelimit-limit}, {@code -remaining}, {@code -reset}, and {@code Retry-After} once exhausted. */
    public static Map<String, String> rateLimitHeaders(RateLimitState limit) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-limit", Long.toString(limit.limit()));
        headers.put("x-ratelimit-remaining", Long.toString(limit.remaining()));
        headers.put("x-ratelimit-reset", Long.toString(limit.resetSeconds()));
        if (!limit.allowed()) {
            headers.put("Retry-After", Long.toString(limit.resetSeconds()));
        }
        return headers;
    }

    private ResolvedKey resolve(Optional<String> presented, String address) {
        if (presented.isEmpty()) {
            throw ApiException.unauthorized("UNAUTHORIZED", MISSING);
        }
        Optional<byte[]> wellFormed = resolver.hashIfWellFormed(presented.get());
        if (wellFormed.isEmpty()) {
            throw invalid(address);
        }
        byte[] hash = wellFormed.get();
        // No throttle before the look-up: behind an ingress many clients share an address, and a stranger's bad keys
        // must never lock a tenant's valid key out. The throttle only decides between 401 and 429 for invalid keys;
        // answers, found or not, are cached, so a guesser repeating one key costs one look-up per cache period.
        Optional<ResolvedKey> key = resolver.cached(hash);
        if (key == null) {
            key = resolver.load(hash);
        }
        if (key.isEmpty() || !key.get().isUsableAt(clock.instant())) {
            throw invalid(address);
        }
        return key.get();
    }

    private ApiException invalid(String address) {
        return throttle.recordFailure(address)
                ? ApiException.unauthorized("INVALID_API_KEY", INVALID)
                : throttled(address);
    }

    ApiException throttled(String address) {
        long retryAfter = throttle.retryAfterSeconds(address);
        return ApiException.rateLimited(retryAfter, Map.of("Retry-After", Long.toString(retryAfter)));
    }
}
