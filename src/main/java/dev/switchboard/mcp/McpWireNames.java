package dev.switchboard.mcp;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.Icon;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The MCP server writes its results with the application's ObjectMapper, whose names are snake_case for the REST
 * contract; MCP's are camelCase ({@code isError}, {@code structuredContent}, {@code mimeType}). This puts MCP's own
 * types back on camelCase, keeping the server's "leave nulls out" rule. Applied after the server's own customizer.
 */
@Singleton
public class McpWireNames implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        for (Class<?> type : new Class<?>[]{ ToolResponse.class, PromptResponse.class, ResourceResponse.class,
                CompletionResponse.class, TextResourceContents.class, BlobResourceContents.class, AudioContent.class,
                EmbeddedResource.class, ImageContent.class, ResourceLink.class, TextContent.class, Icon.class }) {
            mapper.addMixIn(type, CamelCase.class);
        }
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY + 1;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    abstract static class CamelCase {
    }
}
