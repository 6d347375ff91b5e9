package dev.switchboard.http;

import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import dev.switchboard.common.SecureRandoms;
import dev.switchboard.error.ErrorMappers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every HTTP request passes first, REST and {@code /q/} routes alike: it gets an {@code X-Request-Id} (a sane
 * incoming one is kept, otherwise a new one is made, and it is logged with every line), safe default headers, and a
 * body over 1 MiB is refused with a JSON 413 before anything reads it.
 * <p>
 * JSON answers get {@code Cache-Control: no-store} unless the resource chose a policy: they are per caller and many
 * carry secrets (new and rolled keys, exchanged access tokens, sandbox tokens, webhook secrets, magic-link URLs).
 * <p>
 * It also writes the access log ({@link AccessLog}), which masks the bearer credentials that travel in URLs.
 */
@ApplicationScoped
public class RequestEdge {

    public static final String REQUEST_ID = ErrorMappers.REQUEST_ID_HEADER;
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final String TOO_LARGE = "{\"error\":\"Request body too large (at most 1 MiB)\",\"code\":\"PAYLOAD_TOO_LARGE\"}";

    private final AccessLog accessLog = new AccessLog();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String id = ctx.request().getHeader(REQUEST_ID);
        if (id == null || !SANE_ID.matcher(id).matches()) {
            id = newRequestId();
            // Mappers and filters read the id from the request, so the one that was sent back is the one they see.
            ctx.request().headers().set(REQUEST_ID, id);
        }
        MDC.put("request_id", id);
        ctx.response().putHeader(REQUEST_ID, id)
                .putHeader("X-Content-Type-Options", "nosniff");
        accessLog.track(ctx, id);
        ctx.addHeadersEndHandler(v -> {
            String type = ctx.response().headers().get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.startsWith("application/json")
                    && !ctx.response().headers().contains(HttpHeaders.CACHE_CONTROL)) {
                ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(TOO_LARGE);
            return;
        }
        ctx.next();
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String newRequestId() {
        byte[] bytes = new byte[12];
        SecureRandoms.get().nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
