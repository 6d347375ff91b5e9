package dev.switchboard.auth;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ApiException;
import dev.switchboard.ratelimit.RateLimitState;
import dev.switchboard.tenant.Scope;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Authentication, suspension, rate limits and scopes for every REST endpoint, in that order. API keys are read from
 * {@code x-trackstar-api-key}, {@code X-API-Key} or {@code Authorization: Bearer}; never from the query string. The
 * decision itself is {@link KeyAuthenticator}'s, which the MCP endpoint shares.
 */
public class ApiKeyAuthFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyAuthFilter.class);
    static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    @Inject
    KeyAuthenticator authenticator;
    @Inject
    FailedAttemptThrottle throttle;
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
        KeyAuthenticator.Authenticated authenticated = authenticator.authenticate(presentedKey(request), address);
        caller.authenticate(authenticated.key());
        caller.rateLimit(authenticated.rateLimit());
        authenticator.authorize(authenticated.key(), neededScope(type, method, request.getMethod()));
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerResponseContext response) {
        RateLimitState limit = caller.rateLimit();
        if (limit != null && !limit.isUnlimited()) {
            rateLimitHeaders(limit).forEach(response.getHeaders()::putSingle);
        }
    }

    private void authenticateOperator(ContainerRequestContext request, String address) {
        Optional<String> token = config.adminToken().filter(t -> t.length() >= MIN_ADMIN_TOKEN_LENGTH);
        if (token.isEmpty()) {
            throw new NotFoundException();
        }
        String presented = KeyAuthenticator.bearer(request.getHeaderString("Authorization"));
        if (presented == null) {
            throw ApiException.unauthorized("UNAUTHORIZED",
                    "Missing authentication. Provide Authorization: Bearer <operator token>.");
        }
        if (!MessageDigest.isEqual(sha256(presented), sha256(token.get()))) {
            if (!throttle.recordFailure(address)) {
                throw authenticator.throttled(address);
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

    static Optional<String> presentedKey(ContainerRequestContext request) {
        return KeyAuthenticator.presentedKey(request::getHeaderString);
    }

    public static Scope neededScope(Class<?> type, Method method, String httpMethod) {
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
        return KeyAuthenticator.rateLimitHeaders(limit);
    }
}
