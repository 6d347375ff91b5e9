package dev.switchboard.testing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the access log ({@code dev.switchboard.access}) as it is written, by request id: the line is written when the
 * response ends, which the client may see a moment before, so {@link #line} waits for it (a bound, not a threshold).
 */
public final class AccessLogCapture implements AutoCloseable {

    private static final Pattern RID = Pattern.compile("rid=(\\S+)$");
    private final Logger logger = Logger.getLogger("dev.switchboard.access");
    private final Map<String, CompletableFuture<String>> lines = new ConcurrentHashMap<>();
    private final Handler handler = new Handler() {

        @Override
        public void publish(LogRecord record) {
            String message = record.getParameters() == null || record.getParameters().length == 0
                    ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            Matcher m = RID.matcher(message);
            if (m.find()) {
                lines.computeIfAbsent(m.group(1), k -> new CompletableFuture<>()).complete(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public AccessLogCapture() {
        logger.addHandler(handler);
    }

    /** The access-log line of the request that carried {@code X-Request-Id: requestId}. */
    public String line(String requestId) {
        try {
            return lines.computeIfAbsent(requestId, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no access-log line for " + requestId, e);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
