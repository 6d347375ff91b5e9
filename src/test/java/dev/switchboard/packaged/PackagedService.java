package dev.switchboard.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * One process of the packaged service, started the way production starts it:
 * {@code java @deploy/jvm.options [extra options] -jar target/quarkus-app/quarkus-run.jar}, configured only through
 * environment variables. Its output goes to {@code target/packaged-logs/<name>.log}. {@link #kill()} is
 * {@code kill -9}: no shutdown hook, no graceful stop.
 */
final class PackagedService implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Path JVM_OPTIONS = Path.of("deploy", "jvm.options");
    static final String OPERATOR_TOKEN = "packaged-it-operator-token-0123456789abcdef";
    /** A fixed key for these tests only (base64 of 32 bytes). */
    static final String ENCRYPTION_KEY = "cGFja2FnZWQtaXQta2V5LTAxMjM0NTY3ODlhYmNkZWY=";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final String name;
    final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedService(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Skips (does not fail) when the jar was not built, e.g. {@code -DskipITs=false} without {@code package}. */
    static void assumePackaged() {
        Assumptions.assumeTrue(Files.isRegularFile(JAR),
                () -> JAR + " is missing: run ./mvnw verify (it packages first)");
    }

    /** Starts a process on a free port against {@code jdbcUrl} and waits until it is ready. */
    static PackagedService start(String name, String jdbcUrl, Map<String, String> env, String... jvmOptions) {
        assumePackaged();
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + JVM_OPTIONS);
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        environment.put("SWITCHBOARD_ENCRYPTION_KEY", ENCRYPTION_KEY);
        environment.put("SWITCHBOARD_ADMIN_TOKEN", OPERATOR_TOKEN);
        environment.put("SWITCHBOARD_PUBLIC_URL", "http://localhost:" + port);
        environment.putAll(env);
        try {
            Path logs = Files.createDirectories(Path.of("target", "packaged-logs"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile());
            builder.environment().putAll(environment);
            PackagedService service = new PackagedService(name, port, builder.start());
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's path when the process dies or is slow. */
    void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see target/packaged-logs/" + name + ".log");
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            pause(250);
        }
        throw new IllegalStateException(
                name + " not ready after " + START_TIMEOUT + "; see target/packaged-logs/" + name + ".log");
    }

    /** The status of a GET, or -1 when nothing answered. */
    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
