package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.switchboard.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one attempt: checks the URL again (SSRF, DNS rebinding), signs the stored body and POSTs it with the
 * configured timeout. Uses the Vert.x HTTP client Quarkus already runs because it can connect to the checked address
 * while still sending the endpoint's host name for TLS (SNI, certificate check) and in {@code Host}; the JDK client
 * would resolve the name again. Redirects are not followed. Never throws: every failure is an {@link AttemptResult}.
 */
@Singleton
public class DeliverySender {

    static final String USER_AGENT = "Switchboard-Webhooks/1.0";
    private static final int MAX_ERROR_LENGTH = 300;

    private final UrlGuard guard;
    private final PayloadCipher cipher;
    private final Duration timeout;
    private final HttpClient client;

    @Inject
    Clock clock;
    @Inject
    public DeliverySender(UrlGuard guard, PayloadCipher cipher, SwitchboardConfig config, Vertx vertx) {
        this.guard = guard;
        this.cipher = cipher;
        this.timeout = config.webhooks().timeout();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(timeoutMillis)
                .setMaxPoolSize(Math.max(1, config.webhooks().concurrency()))
                .setVerifyHost(true)
                .setTrustAll(false)
                .setTryUseCompression(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    AttemptResult send(DeliveryStore.Claim claim) {
        long started = System.nanoTime();
        UrlGuard.Target target;
        try {
            target = guard.checkForDelivery(claim.url());
        } catch (UrlGuard.Refused refused) {
            return AttemptResult.noResponse("refused", "Not sent: " + refused.getMessage(), 0);
        }
        if (claim.payload() == null) {
            return AttemptResult.noResponse("payload", "Not sent: the payload is no longer stored.", 0);
        }
        byte[] body;
        Map<String, String> signature;
        try {
            body = cipher.open(claim.payload(), WebhookDelivery.payloadContext(claim.eventId()));
            signature = WebhookSigner.headers(claim.scheme(), secrets(claim), claim.eventId(), claim.eventType(),
                    clock.instant().getEpochSecond(), body);
        } catch (IllegalStateException e) {
            // Sealed under a key no longer held (dropped from SWITCHBOARD_ENCRYPTION_OLD_KEYS): retried, then failed.
            return AttemptResult.noResponse("payload", "Not sent: the stored payload or secret cannot be decrypted.",
                    0);
        }

        long timeoutMillis = timeout.toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(pathAndQuery(target))
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", USER_AGENT);
        signature.forEach(options::putHeader);

        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        Future<Response> response = client.request(options).compose(req -> {
            request.set(req);
            return req.send(Buffer.buffer(body));
        }).compose(resp -> {
            int status = resp.statusCode();
            String retryAfter = resp.getHeader("Retry-After");
            // The body is drained and dropped (no chunk handler: Vert.x discards the chunks, so a receiver's large
            // answer costs no memory). No handler is set on purpose: an empty answer (a 204) can have ended before
            // this runs, and setting a handler on an ended response throws, which counted a delivered webhook as a
            // failed attempt and sent it again (seen about once in 200 sends).
            return resp.end().map(v -> new Response(status, retryAfter));
        });
        try {
            Response r = response.toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Duration retryAfter = r.status == 429 || r.status == 503
                    ? parseRetryAfter(r.retryAfter, clock.instant())
                    : null;
            return AttemptResult.response(r.status, elapsed(started), retryAfter);
        } catch (TimeoutException e) {
            HttpClientRequest req = request.get();
            if (req != null) {
                req.reset();
            }
            return AttemptResult.noResponse("timeout", "No response within " + timeout.toSeconds() + " s.",
                    elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return AttemptResult.noResponse("network", truncate("Connection failed: " + message), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.noResponse("network", "Interrupted (the service is stopping).", elapsed(started));
        }
    }

    private List<String> secrets(DeliveryStore.Claim claim) {
        String context = WebhookEndpoint.secretContext(claim.endpointId());
        List<String> secrets = new ArrayList<>(2);
        secrets.add(new String(cipher.open(claim.secret(), context), StandardCharsets.UTF_8));
        if (claim.previousSecret() != null && claim.previousSecretExpiresAt() != null
                && claim.previousSecretExpiresAt().isAfter(clock.instant())) {
            secrets.add(new String(cipher.open(claim.previousSecret(), context), StandardCharsets.UTF_8));
        }
        return secrets;
    }

    private static String pathAndQuery(UrlGuard.Target target) {
        String path = target.uri().getRawPath();
        String query = target.uri().getRawQuery();
        return (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
    }

    /** Seconds or an HTTP date (read at {@code now}); null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }

    private record Response(int status, String retryAfter) {
    }
}
