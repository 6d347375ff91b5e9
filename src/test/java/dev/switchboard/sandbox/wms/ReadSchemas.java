package dev.switchboard.sandbox.wms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;

/**
 * Trackstar's WMS read contract ({@code src/test/resources/sandbox/trackstar-wms-reads-openapi.json}, an unchanged
 * copy of {@code shared/reference}): a function's records are valid when the read path that serves them could answer
 * with them in its envelope, {@code additionalProperties: false} and {@code format: date-time} included.
 */
final class ReadSchemas {

    static final String SPEC = "sandbox/trackstar-wms-reads-openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(read())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    // As in Contract: schemas silent about additionalProperties allow them; every schema of a record
                    // declares additionalProperties: false, and those are still enforced.
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private ReadSchemas() {
    }

    /** The schema problems of {@code records} as a page of {@code function}; empty when they conform. */
    static List<String> problems(WmsFunction function, List<ObjectNode> records) {
        ObjectNode body = JSON.createObjectNode();
        String path = switch (function) {
            case GET_WAREHOUSE_LOCATIONS -> "/wms/warehouses/wh_1/locations";
            case GET_ORDER_PACKS -> "/wms/orders/ord_1/packs";
            default -> "/wms/" + function.path();
        };
        if (function == WmsFunction.GET_ORDER_PACKS) {
            // A single item; the store's key fields are not part of OrderPackSchema (see Records#orderPack).
            List<String> problems = new java.util.ArrayList<>();
            for (ObjectNode record : records) {
                ObjectNode pack = record.deepCopy();
                pack.remove(List.of("id", "created_date", "updated_date"));
                problems.addAll(problems(path, JSON.createObjectNode().set("data", pack)));
            }
            return problems;
        }
        body.putArray("data").addAll(records);
        body.putNull("next_token");
        body.put("total_count", records.size());
        return problems(path, body);
    }

    private static List<String> problems(String path, ObjectNode body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(json).build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    private static String read() {
        try (InputStream in = ReadSchemas.class.getClassLoader().getResourceAsStream(SPEC)) {
            return new String(Objects.requireNonNull(in, SPEC).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
