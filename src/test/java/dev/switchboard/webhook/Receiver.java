package dev.switchboard.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback address (the JDK's HTTP server): records every request and answers as told.
 * <p>
 * Each receiver serves under its own path prefix. The operating system hands ephemeral ports out again, so a receiver
 * can get the port of one that an earlier test closed while deliveries to it were still being retried. Those strays
 * arrive under the old receiver's prefix: they are answered 410 Gone (which ends their retries) and never recorded.
 */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Request(String path, Map<String, List<String>> headers, byte[] body, long receivedAtNanos) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The headers as the official verification libraries take them. */
        HttpHeaders httpHeaders() {
            return HttpHeaders.of(headers, (name, value) -> true);
        }
    }

    /** What to answer. */
    record Reply(int status, Map<String, String> headers) {

        static Reply status(int status) {
            return new Reply(status, Map.of());
        }
    }

    private static final AtomicLong RECEIVERS = new AtomicLong();

    private final HttpServer server;
    private final String prefix = "/receiver-" + RECEIVERS.incrementAndGet() + "-" + System.nanoTime();
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> responder = r -> Reply.status(200);

    private Receiver(String address) {
        try {
            // A deep accept queue: four dispatchers with pools of 16 connect at once, and a refused connection would be
            // a failed attempt (then a retry) that the tests counting exact sends would read as a duplicate.
            server = HttpServer.create(new InetSocketAddress(address, 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String uri = exchange.getRequestURI().toString();
            if (!uri.startsWith(prefix)) {
                exchange.sendResponseHeaders(410, -1);
                exchange.close();
                return;
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request request = new Request(uri.substring(prefix.length()), headers, body, System.nanoTime());
            requests.add(request);
            Reply reply = responder.apply(request);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // no body
            }
        });
        server.start();
    }

    static Receiver start() {
        return new Receiver("127.0.0.1");
    }

    static Receiver startOn(String loopbackAddress) {
        return new Receiver(loopbackAddress);
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + prefix + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void respond(Function<Request, Reply> responder) {
        this.responder = responder;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code timeout}. */
    List<Request> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Expected " + count + " webhook requests within " + timeout + ", got " + requests.size());
            }
            sleep(20);
        }
        return requests();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
