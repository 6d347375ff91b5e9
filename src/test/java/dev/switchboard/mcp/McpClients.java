package dev.switchboard.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** The official MCP Java SDK's client on {@code /mcp} with an API key, and readers of its tool results. */
public final class McpClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private McpClients() {
    }

    public static McpSyncClient client(URL base, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(base.toString().replaceAll("/$", ""))
                .endpoint("/mcp")
                .customizeRequest(request -> request.header("Authorization", "Bearer " + key))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }

    /** The body of a successful tool call (the tool's text, which is the REST response body). */
    public static JsonNode ok(CallToolResult result) throws Exception {
        assertFalse(Boolean.TRUE.equals(result.isError()), () -> text(result));
        return JSON.readTree(text(result));
    }

    /** The body of a tool error (the REST error body). */
    public static JsonNode error(CallToolResult result) throws Exception {
        assertTrue(Boolean.TRUE.equals(result.isError()), () -> text(result));
        return JSON.readTree(text(result));
    }

    public static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
