package dev.switchboard.event;

import java.time.Instant;

/**
 * The unified API served a request made with a connection's access token (a WMS read, a tool call through it). Fired
 * on the request's thread, outside any transaction, once per request: observers must be cheap and must not write
 * per event (the connection's {@code times_used} and {@code last_used} are written in batches).
 */
public record ConnectionUsed(String connectionId, Instant at) {
}
