package dev.switchboard.http;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

/**
 * The access log: {@code <client> "<method> <uri> <version>" <status> <bytes> <ms>ms rid=<request id>}, the format
 * Quarkus's own access log had here. It is written by the service rather than by Quarkus because URLs carry bearer
 * credentials: a magic link's id opens its hosted page (and can install or replace a connection), and the Connect
 * modal's {@code link_token} travels in a query string. Both are masked to a short prefix, enough to correlate lines
 * with the audit trail; {@code /q/} routes (health probes, metrics) are not logged.
 */
final class AccessLog {

    static final String CATEGORY = "dev.switchboard.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** Path segments that are credentials: a magic link's id after {@code /link/} or {@code /magic-links/}. */
    private static final Pattern LINK_ID = Pattern.compile("(/(?:link|magic-links)/)([0-9A-Fa-f]{6})[0-9A-Fa-f]{10,}");
    /** Query parameters that are credentials. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&](?:link_token|auth_code|access_token|token|api_key|key|code)=)([^&#]{0,6})[^&#]*");

    void track(RoutingContext ctx, String requestId) {
        String path = ctx.request().path();
        if (path != null && path.startsWith("/q/")) {
            return;
        }
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (!LOG.isInfoEnabled()) {
                return;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String client = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
            LOG.infof("%s \"%s %s %s\" %d %d %dms rid=%s", client, ctx.request().method(),
                    mask(ctx.request().uri()), version(ctx), ctx.response().getStatusCode(),
                    bytes(ctx), millis, requestId);
        });
    }

    /** The URI with every credential cut to its first six characters and {@code ...}. */
    static String mask(String uri) {
        if (uri == null) {
            return "-";
        }
        Matcher ids = LINK_ID.matcher(uri);
        String masked = ids.replaceAll("$1$2...");
        return SECRET_PARAM.matcher(masked).replaceAll("$1$2...");
    }

    /** Body bytes sent; HTTP/2 responses do not count them, so their Content-Length stands in. */
    private static long bytes(RoutingContext ctx) {
        long written = ctx.response().bytesWritten();
        String length = ctx.response().headers().get("Content-Length");
        if (written == 0 && length != null) {
            try {
                return Long.parseLong(length);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return written;
    }

    private static String version(RoutingContext ctx) {
        return ctx.request().version() == null
                ? "HTTP/1.1"
                : ctx.request().version().name().replace("HTTP_", "HTTP/").replace('_', '.').toUpperCase(Locale.ROOT);
    }
}
