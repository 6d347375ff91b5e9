package dev.switchboard.mcp;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.testing.Fixtures;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code POST /mcp} through the official MCP Java SDK's client over Streamable HTTP, as an agent host would use it:
 * the same keys, scopes and rate limits as REST, the same bodies in errors, and tenants that never see each other.
 */
@QuarkusTest
class McpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void initializesOnTheCurrentRevisionAndListsEveryTool() {
        try (McpSyncClient client = client(Fixtures.newOrganization().testKey())) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("2025-11-25", init.protocolVersion());
            assertEquals("switchboard", init.serverInfo().name());
            assertNotNull(init.capabilities().tools());

            List<McpSchema.Tool> tools = client.listTools().tools();
            Set<String> names = tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
            assertTrue(names.containsAll(RestTools.names()), names.toString());

            McpSchema.Tool create = tool(tools, "create_magic_link");
            Map<String, Object> properties = create.inputSchema().properties();
            // The REST body's fields, under the REST names, from the same DTO.
            assertTrue(properties.keySet().containsAll(Set.of("customer_id", "integration_allow_list", "link_duration",
                    "redirect_url", "metadata", "disabled_functions")), properties.keySet().toString());
            assertTrue(create.description().contains("'write' scope"), create.description());
            assertTrue(tool(tools, "list_magic_links").inputSchema().properties().keySet()
                    .containsAll(Set.of("customer_id", "status", "visibility", "limit", "page_token")));
            assertEquals(List.of("magic_link_id"), tool(tools, "get_magic_link").inputSchema().required());
            assertTrue(tool(tools, "get_magic_link").annotations().readOnlyHint());
        }
    }

    @Test
    void everyToolAnswersLikeItsRoute() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        io.restassured.path.json.JsonPath sandbox = as(org.testKey()).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).extract().jsonPath();
        String connectionId = sandbox.getString("connection_id");
        String accessToken = sandbox.getString("access_token");
        try (McpSyncClient client = client(org.testKey())) {
            client.initialize();
            JsonNode created = ok(client.callTool(new CallToolRequest("create_magic_link", Map.of(
                    "customer_id", "acme", "integration_allow_list", List.of("shipbob"), "link_duration", 3,
                    "metadata", Map.of("crm", "42")))));
            String id = created.at("/magic_link/id").asText();
            assertEquals(32, id.length());
            assertEquals("acme", created.at("/magic_link/customer_id").asText());
            // The link the tool made is the REST API's link.
            as(org.testKey()).get("/magic-links/" + id).then().statusCode(200).body("magic_link.customer_id",
                    equalTo("acme"));

            JsonNode got = ok(client.callTool(new CallToolRequest("get_magic_link", Map.of("magic_link_id", id))));
            assertEquals(id, got.at("/magic_link/id").asText());

            create(client, "acme");
            JsonNode page = ok(client.callTool(new CallToolRequest("list_magic_links",
                    Map.of("customer_id", "acme", "limit", 1, "include_total", true))));
            assertEquals(1, page.get("magic_links").size());
            assertEquals("2", page.get("total_count").asText());
            JsonNode next = ok(client.callTool(new CallToolRequest("list_magic_links",
                    Map.of("customer_id", "acme", "limit", 1, "page_token", page.get("next_page_token").asText()))));
            assertEquals(1, next.get("magic_links").size());

            JsonNode activity = ok(
                    client.callTool(new CallToolRequest("get_magic_link_activity", Map.of("magic_link_id", id))));
            assertEquals("created", activity.at("/data/0/event").asText());
            assertEquals("42", activity.at("/data/0/details/metadata/crm").asText());

            JsonNode insights = ok(client.callTool(new CallToolRequest("get_magic_link_insights",
                    Map.of("magic_link_id", id, "range", "7d"))));
            assertEquals(1, insights.at("/totals/created").asInt());
            assertEquals(7, insights.get("series").size());
            JsonNode summary = ok(
                    client.callTool(new CallToolRequest("get_organization_insights", Map.of("range", "90d"))));
            assertEquals(2, summary.at("/totals/created").asInt());
            JsonNode badRange = error(
                    client.callTool(new CallToolRequest("get_organization_insights", Map.of("range", "1y"))));
            assertEquals("Must be one of: 7d, 30d, 90d.", badRange.at("/detail/query/range/0").asText());

            JsonNode connections = ok(client.callTool(new CallToolRequest("list_connections", Map.of())));
            assertEquals(connectionId, connections.at("/data/0/connection_id").asText());
            JsonNode connection = ok(
                    client.callTool(new CallToolRequest("get_connection", Map.of("connection_id", connectionId))));
            assertEquals(connectionId, connection.at("/data/0/connection_id").asText());

            JsonNode synced = ok(
                    client.callTool(new CallToolRequest("sync_connection", Map.of("access_token", accessToken))));
            assertTrue(synced.toString().contains(connectionId), synced.toString());
            JsonNode noToken = error(client.callTool(new CallToolRequest("sync_connection", Map.of())));
            assertTrue(noToken.has("error"), noToken.toString());

            JsonNode integrations = ok(
                    client.callTool(new CallToolRequest("list_integrations", Map.of("integration_type", "wms"))));
            assertTrue(integrations.get("data").size() > 0);

            JsonNode revoked = ok(client.callTool(new CallToolRequest("revoke_magic_link",
                    Map.of("magic_link_id", id, "reason", "sent to the wrong address"))));
            assertTrue(revoked.get("deleted").asBoolean());
            as(org.testKey()).get("/magic-links/" + id).then().statusCode(404);
        }
    }

    @Test
    void linksAreEditedAndTheirVersionsListedWithTheRestRules() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = createRest(org.testKey());
        try (McpSyncClient client = client(org.testKey())) {
            client.initialize();
            McpSchema.Tool edit = tool(client.listTools().tools(), "edit_magic_link");
            assertTrue(edit.inputSchema().properties().keySet().containsAll(Set.of("magic_link_id", "customer_id",
                    "integration_allow_list", "redirect_url", "metadata", "disabled_functions", "expires_at")),
                    edit.inputSchema().properties().keySet().toString());
            assertTrue(edit.description().contains("'write' scope"), edit.description());

            Map<String, Object> arguments = new java.util.HashMap<>();
            arguments.put("magic_link_id", id);
            arguments.put("customer_id", "acme-2");
            arguments.put("integration_allow_list", List.of("shipbob"));
            arguments.put("redirect_url", null);
            JsonNode edited = ok(client.callTool(new CallToolRequest("edit_magic_link", arguments)));
            assertEquals("acme-2", edited.at("/magic_link/customer_id").asText());
            assertEquals("shipbob", edited.at("/magic_link/integration_allow_list/0").asText());
            dev.switchboard.testing.Contract.assertMatches("MagicLinkResponseSchema", edited.toString());
            as(org.testKey()).get("/magic-links/" + id).then().body("magic_link.customer_id", equalTo("acme-2"));

            JsonNode versions = ok(client.callTool(new CallToolRequest("list_magic_link_versions",
                    Map.of("magic_link_id", id, "limit", 1))));
            assertEquals(1, versions.get("data").size());
            assertEquals(1, versions.at("/data/0/version").asInt());
            assertTrue(versions.at("/data/0/state/customer_id").isNull(), versions.toString());
            assertEquals(Fixtures.keyId(org.testKey(), org.testKey()), versions.at("/data/0/api_key_id").asText());

            // The same 422 body as REST, and the same 409.
            JsonNode invalid = error(client.callTool(new CallToolRequest("edit_magic_link",
                    Map.of("magic_link_id", id, "integration_allow_list", List.of("no-such-wms"), "colour", "red"))));
            assertEquals("Validation error", invalid.get("error").asText());
            assertTrue(invalid.at("/detail/json").has("colour"), invalid.toString());
            JsonNode empty = error(
                    client.callTool(new CallToolRequest("edit_magic_link", Map.of("magic_link_id", id))));
            assertTrue(empty.at("/detail/json/_schema/0").asText().startsWith("Give at least one field"),
                    empty.toString());
            as(org.testKey()).delete("/magic-links/" + id).then().statusCode(200);
            JsonNode revoked = error(client.callTool(new CallToolRequest("edit_magic_link",
                    Map.of("magic_link_id", id, "customer_id", "x"))));
            assertEquals("MAGIC_LINK_NOT_EDITABLE", revoked.get("code").asText());
        }
        String readKey = Fixtures.newKey(org.testKey(), "read", 1000);
        try (McpSyncClient client = client(readKey)) {
            client.initialize();
            JsonNode refused = error(client.callTool(new CallToolRequest("edit_magic_link",
                    Map.of("magic_link_id", id, "customer_id", "x"))));
            assertEquals("FORBIDDEN", refused.get("code").asText());
            assertEquals("This API key lacks the 'write' scope needed here.", refused.get("error").asText());
            // Versions need what the activity needs, and outlive the link's revocation.
            ok(client.callTool(new CallToolRequest("list_magic_link_versions", Map.of("magic_link_id", id))));
        }
        Fixtures.Org other = Fixtures.newOrganization();
        String theirs = createRest(other.testKey());
        for (String key : List.of(org.testKey(), other.liveKey())) {
            try (McpSyncClient client = client(key)) {
                client.initialize();
                for (JsonNode missing : List.of(
                        error(client.callTool(new CallToolRequest("edit_magic_link",
                                Map.of("magic_link_id", theirs, "customer_id", "x")))),
                        error(client.callTool(new CallToolRequest("list_magic_link_versions",
                                Map.of("magic_link_id", theirs)))))) {
                    assertEquals("Magic link not found", missing.get("error").asText(), missing.toString());
                    assertEquals(theirs, missing.get("id").asText(), missing.toString());
                }
            }
        }
    }

    @Test
    void errorsCarryTheRestBodies() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        try (McpSyncClient client = client(org.testKey())) {
            client.initialize();
            JsonNode invalid = error(client.callTool(new CallToolRequest("create_magic_link",
                    Map.of("link_duration", 0, "integration_allow_list", List.of("no-such-wms")))));
            assertEquals("Validation error", invalid.get("error").asText());
            assertEquals("Must be between 1 and 365.", invalid.at("/detail/json/link_duration/0").asText());
            assertTrue(invalid.at("/detail/json").has("integration_allow_list.0"), invalid.toString());

            JsonNode wrongType = error(
                    client.callTool(new CallToolRequest("create_magic_link", Map.of("customer_id", 5))));
            assertEquals("Not a valid string.", wrongType.at("/detail/json/customer_id/0").asText());

            JsonNode badQuery = error(client.callTool(new CallToolRequest("list_magic_links", Map.of("limit", 5000))));
            assertEquals("Must be between 1 and 1000.", badQuery.at("/detail/query/limit/0").asText());

            JsonNode unknownField = error(
                    client.callTool(new CallToolRequest("create_magic_link", Map.of("colour", "red"))));
            assertTrue(unknownField.at("/detail/json").has("colour"), unknownField.toString());
        }
    }

    @Test
    void aReadKeyIsRefusedAWriteToolButReads() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = createRest(org.testKey());
        String readKey = Fixtures.newKey(org.testKey(), "read", 1000);
        try (McpSyncClient client = client(readKey)) {
            client.initialize();
            JsonNode refused = error(
                    client.callTool(new CallToolRequest("create_magic_link", Map.of("customer_id", "x"))));
            assertEquals("FORBIDDEN", refused.get("code").asText());
            assertEquals("This API key lacks the 'write' scope needed here.", refused.get("error").asText());
            JsonNode noSync = error(
                    client.callTool(new CallToolRequest("sync_connection", Map.of("access_token", "sb_at_x"))));
            assertEquals("FORBIDDEN", noSync.get("code").asText());
            JsonNode notRevoked = error(
                    client.callTool(new CallToolRequest("revoke_magic_link", Map.of("magic_link_id", id))));
            assertEquals("FORBIDDEN", notRevoked.get("code").asText());
            // Scopes exactly as REST: reading one link needs what GET /magic-links/{id} needs; its activity and
            // insights need read.
            ok(client.callTool(new CallToolRequest("get_magic_link_activity", Map.of("magic_link_id", id))));
            ok(client.callTool(new CallToolRequest("get_magic_link_insights", Map.of("magic_link_id", id))));
        }
        as(org.testKey()).get("/magic-links/" + id).then().statusCode(200);
    }

    @Test
    void anotherOrganizationsLinkIsNotFound() throws Exception {
        String id = createRest(Fixtures.newOrganization().testKey());
        Fixtures.Org other = Fixtures.newOrganization();
        try (McpSyncClient client = client(other.testKey())) {
            client.initialize();
            for (String tool : List.of("get_magic_link", "get_magic_link_activity", "get_magic_link_insights",
                    "revoke_magic_link")) {
                JsonNode missing = error(client.callTool(new CallToolRequest(tool, Map.of("magic_link_id", id))));
                assertEquals("Magic link not found", missing.get("error").asText(), tool);
                assertEquals(id, missing.get("id").asText(), tool);
            }
            JsonNode list = ok(client.callTool(new CallToolRequest("list_magic_links", Map.of())));
            assertEquals(0, list.get("magic_links").size());
        }
        // Same organization, other environment: not found either.
        Fixtures.Org org = Fixtures.newOrganization();
        String testLink = createRest(org.testKey());
        try (McpSyncClient live = client(org.liveKey())) {
            live.initialize();
            JsonNode missing = error(
                    live.callTool(new CallToolRequest("get_magic_link", Map.of("magic_link_id", testLink))));
            assertEquals("Magic link not found", missing.get("error").asText());
        }
    }

    @Test
    void withoutAValidKeyTheEndpointIsClosed() {
        given().contentType(ContentType.JSON).accept("application/json, text/event-stream").body(initialize())
                .post("/mcp").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer sb_test_nope").contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(initialize())
                .post("/mcp").then().statusCode(401).body("code", equalTo("INVALID_API_KEY"));
        try (McpSyncClient client = client("sb_test_not-a-key")) {
            assertThrows(RuntimeException.class, client::initialize);
        }
    }

    @Test
    void theKeysRateLimitIsSharedWithRest() {
        Fixtures.Org org = Fixtures.newOrganization();
        String key = Fixtures.newKey(org.testKey(), "read", 2);
        as(key).get("/integrations/wms").then().statusCode(200).header("x-ratelimit-remaining", "1");
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(initialize())
                .post("/mcp").then().statusCode(200).header("x-ratelimit-remaining", "0");
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(initialize())
                .post("/mcp").then().statusCode(429).body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        as(key).get("/integrations/wms").then().statusCode(429);
    }

    private static String initialize() {
        return """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}""";
    }

    private McpSyncClient client(String key) {
        return McpClients.client(base, key);
    }

    private static String createRest(String key) {
        return as(key).contentType(ContentType.JSON).body(Map.of()).post("/magic-links").then().statusCode(200)
                .extract().path("magic_link.id");
    }

    private static String create(McpSyncClient client, String customer) throws Exception {
        return ok(client.callTool(new CallToolRequest("create_magic_link", Map.of("customer_id", customer))))
                .at("/magic_link/id").asText();
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonNode ok(CallToolResult result) throws Exception {
        return McpClients.ok(result);
    }

    static JsonNode error(CallToolResult result) throws Exception {
        return McpClients.error(result);
    }
}
