package dev.switchboard.integrations.http;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterException;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;

/**
 * The one outbound HTTP stack for WMS vendors. Each call goes through, in order:
 * <ol>
 * <li>a bulkhead per vendor (at most {@link #MAX_CONCURRENT_CALLS} calls in flight to one vendor, so a slow vendor
 * holds a bounded number of worker threads and cannot starve the other vendors' syncs; a full bulkhead is TRANSIENT);
 * <li>for idempotent calls, retries with exponential backoff and jitter after a TRANSIENT failure (SmallRye Fault
 * Tolerance), never after a rate limit or a refusal;
 * <li>a circuit per vendor that opens when half of the recent calls failed transiently (5xx, timeouts, broken
 * connections) and then refuses calls for a while without sending them;
 * <li>the credential's shared budget ({@link VendorBudget}), spent per attempt;
 * <li>the request itself, on Vert.x's HTTP client (one client, so one connection pool, per vendor), with a connect
 * timeout and a whole-request timeout; the answer is mapped by {@link VendorFailures}.
 * </ol>
 * Calls block the calling worker thread until the answer (never an event-loop thread). Nothing here sleeps for a rate
 * limit: an exhausted budget or a 429 is thrown as RATE_LIMITED at once.
 */
@ApplicationScoped
public class VendorHttp {

    static final int MAX_CONCURRENT_CALLS = 16;
    private static final Logger LOG = Logger.getLogger(VendorHttp.class);
    static final String USER_AGENT = "Switchboard/1.0";

    /** Everything one call needs: to whom, on whose budget, for which function (for PERMISSION_MISSING), what. */
    public record Call(Vendor vendor, String budgetKey, WmsFunction function, VendorRequest request) {
    }

    private record Guards(Guard bulkhead, Guard retry, Guard circuit, HttpClient client) {
    }

    @Inject
    Vertx vertx;
    @Inject
    IntegrationsConfig config;
    @Inject
    VendorBudget budget;
    @Inject
    Clock clock;

    private final Map<String, Guards> guards = new ConcurrentHashMap<>();

    @PreDestroy
    void close() {
        guards.values().forEach(g -> g.client().close());
    }

    /**
     * Sends the call and returns the vendor's answer when it is not a 401, 403, 429 or 5xx (those throw; a 404 or
     * another 4xx comes back for the adapter to judge).
     *
     * @throws AdapterException RATE_LIMITED, CREDENTIALS_REJECTED, PERMISSION_MISSING or TRANSIENT
     */
    public VendorResponse send(Call call) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Vendor calls block; they must not run on an event-loop thread");
        }
        Guards g = guards.computeIfAbsent(call.vendor().name(), name -> build(call.vendor()));
        try {
            return g.bulkhead().call(() -> {
                if (call.request().idempotent()) {
                    return g.retry().call(() -> attempt(g, call), VendorResponse.class);
                }
                return attempt(g, call);
            }, VendorResponse.class);
        } catch (AdapterException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            Duration delay = config.http().circuitDelay();
            throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName()
                    + "'s API failed repeatedly; Switchboard pauses calls to it for " + delay.toSeconds() + " s.",
                    delay, call.function(), 0, e);
        } catch (BulkheadException e) {
            throw new AdapterException(AdapterException.Kind.TRANSIENT, "Too many calls to " + call.vendor()
                    .displayName() + " are in flight; this one will be tried again.", null, call.function(), 0, e);
        } catch (Exception e) {
            throw AdapterException.transientFailure(call.vendor().displayName() + " could not be reached: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Passthrough: the same bulkhead, circuit and budget, sent once, and the vendor's answer returned whatever its
     * status (the caller sees the vendor's 401, 404 or 429 as they came). Only an exhausted budget, an open circuit,
     * a timeout or a broken connection throw.
     */
    public VendorResponse sendRaw(Call call) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Vendor calls block; they must not run on an event-loop thread");
        }
        Guards g = guards.computeIfAbsent(call.vendor().name(), name -> build(call.vendor()));
        try {
            return g.bulkhead().call(() -> g.circuit().call(() -> {
                budget.spend(call.vendor(), call.budgetKey(), call.function());
                return exchange(g.client(), call);
            }, VendorResponse.class), VendorResponse.class);
        } catch (AdapterException e) {
            throw e;
        } catch (CircuitBreakerOpenException | BulkheadException e) {
            throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName()
                    + " is not taking calls from Switchboard right now; try again shortly.",
                    config.http().circuitDelay(), call.function(), 0, e);
        } catch (Exception e) {
            throw AdapterException.transientFailure(call.vendor().displayName() + " could not be reached: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private VendorResponse attempt(Guards g, Call call) throws Exception {
        return g.circuit().call(() -> {
            budget.spend(call.vendor(), call.budgetKey(), call.function());
            VendorResponse response = exchange(g.client(), call);
            VendorFailures.check(call.vendor(), call.function(), response, call.request().url(), clock.instant());
            if (response.status() >= 200 && response.status() < 300 && response.status() != 204
                    && response.body().length == 0 && !call.request().mayAnswerEmpty()) {
                // Every JSON API we call answers a success with a body; an empty one is an answer lost on the way (seen
                // against WireMock under load), tried again like any transient failure when the call is idempotent.
                throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName() + " answered "
                        + response.status() + " with an empty body.", null, call.function(), response.status(), null);
            }
            return response;
        }, VendorResponse.class);
    }

    private VendorResponse exchange(HttpClient client, Call call) {
        VendorRequest request = call.request();
        long timeoutMillis = config.http().timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.url())
                .setFollowRedirects(false)
                .setIdleTimeout(timeoutMillis)
                .putHeader("User-Agent", USER_AGENT)
                .putHeader("Accept", "application/json");
        request.headers().forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // The exchange runs on an event-loop context of its own: started from a worker thread that has a Vert.x
        // context, the response would be handed to that worker after the event loop already read the body, and the
        // body would be lost (an empty 200).
        Promise<VendorResponse> promise = Promise.promise();
        ((VertxInternal) vertx).createEventLoopContext()
                .runOnContext(ignored -> client.request(options).compose(req -> {
                    sent.set(req);
                    return request.body() == null ? req.send() : req.send(Buffer.buffer(request.body()));
                }).compose(resp -> resp.body().map(body -> new VendorResponse(call.vendor(), resp.statusCode(),
                        headers(resp.headers()), body.getBytes()))).onComplete(promise));
        Future<VendorResponse> answer = promise.future();
        VendorResponse response = await(answer, sent, call, timeoutMillis);
        String length = response.header("Content-Length");
        if (length != null && response.header("Content-Encoding") == null && !length.trim().equals(
                String.valueOf(response.body().length))) {
            // A cut answer is a transient failure (and an idempotent call is tried again), not a malformed body.
            throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName() + " sent "
                    + response.body().length + " of " + length.trim() + " bytes.", null, call.function(),
                    response.status(), null);
        }
        return response;
    }

    private VendorResponse await(Future<VendorResponse> answer, AtomicReference<HttpClientRequest> sent, Call call,
            long timeoutMillis) {
        try {
            return answer.toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest req = sent.get();
            if (req != null) {
                req.reset();
            }
            throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName()
                    + " did not answer within " + config.http().timeout().toSeconds() + " s.", null, call.function(),
                    0, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new AdapterException(AdapterException.Kind.TRANSIENT, call.vendor().displayName()
                    + " could not be reached: " + what, null, call.function(), 0, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException(AdapterException.Kind.TRANSIENT, "Interrupted (the service is stopping).",
                    null, call.function(), 0, e);
        }
    }

    private Guards build(Vendor vendor) {
        IntegrationsConfig.Http http = config.http();
        long delay = Math.max(1, http.retryDelay().toMillis());
        Guard bulkhead = Guard.create().withDescription("vendor-bulkhead:" + vendor.name())
                .withBulkhead().limit(MAX_CONCURRENT_CALLS).done()
                .build();
        Guard retry = Guard.create().withDescription("vendor-retry:" + vendor.name())
                .withRetry()
                .maxRetries(http.maxRetries())
                .delay(delay, ChronoUnit.MILLIS)
                .jitter(Math.max(1, delay / 2), ChronoUnit.MILLIS)
                .withExponentialBackoff().factor(2).maxDelay(delay * 8, ChronoUnit.MILLIS).done()
                .whenException(VendorHttp::isTransient)
                .beforeRetry(failure -> LOG.debugf("Retrying a call to %s after: %s", vendor.name(),
                        failure.getMessage()))
                .done()
                .build();
        Guard circuit = Guard.create().withDescription("vendor-circuit:" + vendor.name())
                .withCircuitBreaker()
                .requestVolumeThreshold(Math.max(1, http.circuitVolume()))
                .failureRatio(0.5)
                .delay(http.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(VendorHttp::isTransient)
                .onStateChange(state -> LOG.infof("Circuit to %s is now %s", vendor.name(), state))
                .done()
                .build();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, http.connectTimeout().toMillis()))
                .setMaxPoolSize(MAX_CONCURRENT_CALLS)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setTryUseCompression(true));
        return new Guards(bulkhead, retry, circuit, client);
    }

    static boolean isTransient(Throwable failure) {
        return failure instanceof AdapterException e && e.kind() == AdapterException.Kind.TRANSIENT;
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String name : headers.names()) {
            copy.put(name, headers.getAll(name));
        }
        return copy;
    }
}
