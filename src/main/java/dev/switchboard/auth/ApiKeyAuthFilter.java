package dev.switchboard.auth;

import dev.switchboard.tenant.ResolvedKey;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.switchboard.tenant.Scope;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.tenant.OrganizationStatus;
import dev.switchboard.ratelimit.RateLimitState;
import dev.switchboard.ratelimit.RateLimiter;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Authentication, suspension, rate limits and scopes for every REST endpoint, in that order. API keys are read from
 * {@code x-trackstar-api-key}, {@code X-API-Key} or {@code Authorization: Bearer}; never from the query string.
 */
public class ApiKeyAuthFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyAuthFilter.class);
    static final String MISSING = "Missing authentication. Provide the x-trackstar-api-key header.";
    static final String INVALID = "Invalid, expired or revoked API key.";
    static final int MIN_ADMIN_TOKEN_LENGTH = 32;

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
    @Inject
    SwitchboardConfig config;

    void checkOperatorToken(@jakarta.enterprise.event.Observes StartupEvent start) {
        config.adminToken().filter(t -> t.length() < MIN_ADMIN_TOKEN_LENGTH).ifPresent(t -> LOG.warnf(
                "SWITCHBOARD_ADMIN_TOKEN has %d characters; at least %d are required, so the operator API stays off.",
                t.length(), MIN_ADMIN_TOKEN_LENGTH));
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ResourceInfo resource, ContainerRequestContext request, HttpServerRequest http) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type == null || method == null || type.isAnnotationPresent(PublicApi.class)) {
            return;
        }
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        if (type.isAnnotationPresent(OperatorApi.class)) {
            authenticateOperator(request, address);
            return;
        }
        ResolvedKey key = resolve(presentedKey(request), address);
        if (key.organizationStatus() != OrganizationStatus.ACTIVE) {
            throw ApiException.forbidden("ORGANIZATION_SUSPENDED", "This organization is suspended. Contact support.");
        }
        caller.authenticate(key);
        RateLimitState limit = rateLimiter.consume(key.id(), key.rateLimitPerHour());
        caller.rateLimit(limit);
        if (!limit.allowed()) {
            throw ApiException.rateLimited(limit.resetSeconds(), rateLimitHeaders(limit));
        }
        Scope needed = neededScope(type, method, request.getMethod());
        if (!key.scope().includes(needed)) {
            throw Caller.insufficientScope(needed);
        }
        resolver.touch(key.id(), clock.instant());
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerResponseContext response) {
        RateLimitState limit = caller.rateLimit();
        if (limit != null && !limit.isUnlimited()) {
            rateLimitHeaders(limit).forEach(response.getHeaders()::putSingle);
        }
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

    private void authenticateOperator(ContainerRequestContext request, String address) {
        Optional<String> token = config.adminToken().filter(t -> t.length() >= MIN_ADMIN_TOKEN_LENGTH);
        if (token.isEmpty()) {
            throw new NotFoundException();
        }
        String presented = bearer(request.getHeaderString("Authorization"));
        if (presented == null) {
            throw ApiException.unauthorized("UNAUTHORIZED", "Missing authentication. Provide Authorization: Bearer <operator token>.");
        }
        if (!MessageDigest.isEqual(sha256(presented), sha256(token.get()))) {
            if (!throttle.recordFailure(address)) {
                throw throttled(address);
            }
            throw ApiException.unauthorized("INVALID_OPERATOR_TOKEN", "Invalid operator token.");
        }
    }

    /** Digests of equal length, so comparing them takes the same time whatever was presented. */
    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private ApiException invalid(String address) {
        return throttle.recordFailure(address) ? ApiException.unauthorized("INVALID_API_KEY", INVALID) : throttled(address);
    }

    private ApiException throttled(String address) {
        long retryAfter = throttle.retryAfterSeconds(address);
        return ApiException.rateLimited(retryAfter, Map.of("Retry-After", Long.toString(retryAfter)));
    }

    static Optional<String> presentedKey(ContainerRequestContext request) {
        for (String header : new String[] { "x-trackstar-api-key", "X-API-Key" }) {
            String value = request.getHeaderString(header);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.ofNullable(bearer(request.getHeaderString("Authorization")));
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = authorization.substring(7).trim();
        return value.isEmpty() ? null : value;
    }

    static Scope neededScope(Class<?> type, Method method, String httpMethod) {
        RequiresScope declared = method.getAnnotation(RequiresScope.class);
        if (declared == null) {
            declared = type.getAnnotation(RequiresScope.class);
        }
        if (declared != null) {
            return declared.value();
        }
        return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod) ? Scope.READ : Scope.WRITE;
    }

    static Map<String, String> rateLimitHeaders(RateLimitState limit) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("x-ratelimit-limit", Long.toString(limit.limit()));
        headers.put("x-ratelimit-remaining", Long.toString(limit.remaining()));
        headers.put("x-ratelimit-reset", Long.toString(limit.resetSeconds()));
        if (!limit.allowed()) {
            headers.put("Retry-After", Long.toString(limit.resetSeconds()));
        }
        return headers;
    }
}
