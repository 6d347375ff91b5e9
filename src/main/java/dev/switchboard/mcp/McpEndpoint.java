package dev.switchboard.mcp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.auth.KeyAuthenticator;
import dev.switchboard.db.DatabaseUnavailable;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.http.RequestEdge;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The door of {@code /mcp} (Quarkiverse's Streamable HTTP transport, a Vert.x route): every HTTP request to it is
 * authenticated with the same API keys as the REST API, through the same {@link KeyAuthenticator} (key, suspension,
 * the key's hourly rate limit, one request spent per HTTP request), before the MCP server reads it. Failures get the
 * REST API's bodies and statuses (401, 403, 429 with {@code Retry-After}, 503). The key is left on the routing context
 * for {@link RestTools}, which checks each tool's scope.
 */
@ApplicationScoped
public class McpEndpoint {

    /** Where the authenticated key waits for the tool call, on the request's routing context. */
    static final String AUTHENTICATED = "switchboard.mcp.key";
    /** The names of a tool call's arguments that were null, on the request's routing context. */
    static final String NULL_ARGUMENTS = "switchboard.mcp.null-arguments";
    static final String PATH = "/mcp";
    private static final Logger LOG = Logger.getLogger(McpEndpoint.class);

    @Inject
    KeyAuthenticator authenticator;
    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // Right after RequestEdge and before the MCP server's own route; the body is read first so that nothing of
        // it is lost while the key is checked on a worker thread.
        router.routeWithRegex(PATH + "(/.*)?").order(Integer.MIN_VALUE + 1)
                .handler(BodyHandler.create().setBodyLimit(RequestEdge.MAX_BODY_BYTES));
        router.routeWithRegex(PATH + "(/.*)?").order(Integer.MIN_VALUE + 2).blockingHandler(this::authenticate, false);
    }

    private void authenticate(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            KeyAuthenticator.Authenticated authenticated = authenticator.authenticate(
                    KeyAuthenticator.presentedKey(ctx.request()::getHeader), address);
            ctx.put(AUTHENTICATED, authenticated);
            setNullArgumentsAside(ctx);
            if (!authenticated.rateLimit().isUnlimited()) {
                KeyAuthenticator.rateLimitHeaders(authenticated.rateLimit()).forEach(ctx.response()::putHeader);
            }
            ctx.next();
        } catch (ApiException e) {
            refuse(ctx, e);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                LOG.warnf("Database unavailable: %s", e.getMessage());
                refuse(ctx,
                        ApiException.serviceUnavailable("The service is temporarily unavailable. Please retry.", 5));
            } else {
                LOG.errorf(e, "Unexpected failure authenticating an MCP request (request %s)",
                        ctx.request().getHeader(RequestEdge.REQUEST_ID));
                refuse(ctx, new ApiException(500, "INTERNAL_ERROR",
                        "Internal error. Quote the request id when you contact support."));
            }
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    /**
     * Quarkiverse's MCP server (1.10) copies a tool call's arguments with {@code Map.copyOf}, which throws on a null
     * value: an agent that sends {@code "redirect_url": null} (how {@code edit_magic_link} clears a field, as
     * {@code PATCH} does) would get a JSON-RPC internal error instead of the tool. So the names of null arguments of a
     * {@code tools/call} are taken out of the body here and left on the routing context ({@link #NULL_ARGUMENTS}),
     * where {@link RestTools} puts them back as nulls. Any other body is left exactly as it came.
     */
    private static void setNullArgumentsAside(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            return;
        }
        Object decoded;
        try {
            decoded = Json.decodeValue(ctx.body().buffer());
        } catch (RuntimeException e) {
            return; // the MCP server answers a parse error
        }
        if (!(decoded instanceof JsonObject message) || !"tools/call".equals(message.getValue("method"))
                || !(message.getValue("params") instanceof JsonObject params)
                || !(params.getValue("arguments") instanceof JsonObject arguments)) {
            return;
        }
        List<String> nulls = arguments.fieldNames().stream()
                .filter(name -> arguments.containsKey(name) && arguments.getValue(name) == null).toList();
        if (nulls.isEmpty()) {
            return;
        }
        nulls.forEach(arguments::remove);
        ctx.put(NULL_ARGUMENTS, nulls);
        ctx.setBody(message.toBuffer());
    }

    private void refuse(RoutingContext ctx, ApiException e) {
        ctx.response().setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        e.headers().forEach(ctx.response()::putHeader);
        if (e.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().end(body(e.body()));
    }

    private String body(ErrorBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "{\"error\":\"" + body.error() + "\",\"code\":\"" + body.code() + "\"}";
        }
    }
}
