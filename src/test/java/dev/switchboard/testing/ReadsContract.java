package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Trackstar's WMS read schemas ({@code src/test/resources/contract/trackstar-wms-reads-openapi.json}, a copy of the
 * reference) applied to single records, as adapters return them: types, formats, enums and nullability by the
 * validator, and unknown keys wherever a schema says {@code additionalProperties: false} by an exact walk (the
 * validator would otherwise close every schema, {@code additional_fields} included).
 */
public final class ReadsContract {

    public static final String SPEC = "contract/trackstar-wms-reads-openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode RAW;
    private static final OpenAPI API;
    private static final SchemaValidator VALIDATOR;

    static {
        try {
            String text = VendorStandIns.resource(SPEC);
            RAW = JSON.readTree(text);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            API = new OpenAPIParser().readContents(text, null, options).getOpenAPI();
            VALIDATOR = new SchemaValidator(API, new MessageResolver(LevelResolver.create()
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReadsContract() {
    }

    /** The read schema of a function's records. */
    public static String schemaOf(WmsFunction function) {
        return switch (function) {
            case GET_ORDERS -> "OrderSchema";
            case GET_INVENTORY -> "InventorySchema";
            case GET_PRODUCTS -> "ProductSchema";
            case GET_INBOUND_SHIPMENTS -> "InboundShipmentSchema";
            case GET_RETURNS -> "ReturnSchema";
            case GET_BILLS -> "BillSchema";
            case GET_WAREHOUSES -> "WarehouseSchema";
            case GET_WAREHOUSE_CUSTOMERS -> "WarehouseCustomerSchema";
            case GET_SHIPPING_METHODS -> "ShippingMethodSchema";
            case GET_WAREHOUSE_LOCATIONS -> "WarehouseLocationSchema";
            case GET_INVENTORY_LEDGER -> "InventoryLedgerSchema";
            case GET_LABOR_ACTIVITIES -> "LaborActivitySchema";
            default -> throw new IllegalArgumentException(function.value());
        };
    }

    /** Fails the test when a record does not match its function's read schema, naming every problem. */
    public static void assertValid(WmsFunction function, ObjectNode record) {
        String name = schemaOf(function);
        @SuppressWarnings("rawtypes")
        Schema schema = API.getComponents().getSchemas().get(name);
        ValidationReport report = VALIDATOR.validate(() -> record, schema, null);
        List<String> problems = new ArrayList<>();
        report.getMessages().forEach(m -> problems.add(m.getKey() + ": " + m.getMessage()));
        closed(RAW.at("/components/schemas/" + name), record, "", problems);
        if (!problems.isEmpty()) {
            fail(name + " violated by " + record + ":\n  " + String.join("\n  ", problems));
        }
        assertTrue(record.hasNonNull("id"), "every record has an id");
    }

    private static void closed(JsonNode schema, JsonNode value, String path, List<String> problems) {
        schema = resolve(schema);
        if (schema == null || value == null || value.isNull()) {
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                JsonNode resolved = resolve(option);
                if (resolved.has("properties") && value.isObject()) {
                    closed(resolved, value, path, problems);
                }
            }
            return;
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                closed(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (!value.isObject() || !schema.has("properties")) {
            return;
        }
        JsonNode properties = schema.get("properties");
        boolean closed = schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true);
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = properties.get(field.getKey());
            if (property == null) {
                if (closed) {
                    problems.add(path + "/" + field.getKey() + ": not in the schema");
                }
            } else {
                closed(property, field.getValue(), path + "/" + field.getKey(), problems);
            }
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            return RAW.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }
}
