package dev.switchboard.wms.api;

import static dev.switchboard.mcp.McpClients.error;
import static dev.switchboard.mcp.McpClients.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.mcp.McpClients;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The WMS read tools of {@code /mcp} answer what {@code GET /wms/*} answers, with the same filters and errors. */
@QuarkusTest
class WmsMcpToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;
    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    DataSource db;

    /** GET /wms/* as a client calls it (the read API's own tests check these bodies against the contract). */
    private static io.restassured.specification.RequestSpecification rest(WmsTesting.Reader reader) {
        return Fixtures.as(reader.apiKey()).header("x-trackstar-access-token", reader.token());
    }

    @Test
    void theReadToolsAnswerLikeTheirRoutes() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        WmsTesting.Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero",
                List.of(), null);
        for (WmsFunction function : List.of(WmsFunction.GET_ORDERS, WmsFunction.GET_INVENTORY, WmsFunction.GET_PRODUCTS,
                WmsFunction.GET_INBOUND_SHIPMENTS, WmsFunction.GET_RETURNS)) {
            WmsTesting.seed(db, reader, function, 3);
        }
        Map<String, String> routes = Map.of("orders", "order", "inventory", "inventory_item", "products", "product",
                "inbound_shipments", "inbound_shipment", "returns", "return");
        try (McpSyncClient client = McpClients.client(base, org.testKey())) {
            client.initialize();
            McpSchema.Tool listOrders = client.listTools().tools().stream()
                    .filter(t -> t.name().equals("list_wms_orders")).findFirst().orElseThrow();
            assertTrue(listOrders.inputSchema().required().contains("access_token"));
            assertTrue(listOrders.inputSchema().properties().containsKey("limit"),
                    listOrders.inputSchema().properties().keySet().toString());
            for (Map.Entry<String, String> route : routes.entrySet()) {
                String path = "/wms/" + route.getKey().replace('_', '-');
                JsonNode rest = JSON.readTree(rest(reader).get(path).then().statusCode(200).extract().asString());
                JsonNode tool = ok(client.callTool(new CallToolRequest("list_wms_" + route.getKey(),
                        Map.of("access_token", reader.token()))));
                assertEquals(rest.get("data"), tool.get("data"), route.getKey());
                assertEquals(3, tool.get("data").size());
                String id = tool.at("/data/1/id").asText();
                String idArgument = switch (route.getKey()) {
                    case "inventory" -> "inventory_id";
                    default -> route.getValue() + "_id";
                };
                JsonNode one = ok(client.callTool(new CallToolRequest("get_wms_" + route.getValue(),
                        Map.of("access_token", reader.token(), idArgument, id))));
                assertEquals(
                        JSON.readTree(rest(reader).get(path + "/" + id).then().statusCode(200).extract().asString()),
                        one);
            }
            // The same filters and paging as REST.
            JsonNode page = ok(client.callTool(
                    new CallToolRequest("list_wms_orders", Map.of("access_token", reader.token(), "limit", 2))));
            assertEquals(2, page.get("data").size());
            assertEquals(JSON.readTree(rest(reader).get("/wms/orders?limit=2").then().extract().asString()), page);
            JsonNode bad = error(client.callTool(new CallToolRequest("list_wms_orders",
                    Map.of("access_token", reader.token(), "colour", "red"))));
            assertEquals("Validation error", bad.get("error").asText());
            JsonNode missing = error(client.callTool(new CallToolRequest("get_wms_order",
                    Map.of("access_token", reader.token(), "order_id", "no-such-order"))));
            assertEquals("Order not found", missing.get("error").asText());
        }
        // Another organization's key with this connection's token: the read API's 401, as a tool error.
        Fixtures.Org other = Fixtures.newOrganization();
        try (McpSyncClient client = McpClients.client(base, other.testKey())) {
            client.initialize();
            JsonNode refused = error(
                    client.callTool(new CallToolRequest("list_wms_orders", Map.of("access_token", reader.token()))));
            assertEquals("INVALID_ACCESS_TOKEN", refused.get("code").asText());
        }
    }
}
