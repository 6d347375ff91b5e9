package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The write paths of Trackstar's WMS API ({@code src/test/resources/contract/trackstar-wms-writes-openapi.json}, cut
 * from
 * {@code shared/reference}), for the write routes' responses ({@code wms<Action><Object>Response}), as a RestAssured
 * filter like {@link WmsContract}: requests are not checked (the tests send bad ones on purpose), and the
 * additional-properties rule is off, since every record also carries {@code trackstar_created_date} and
 * {@code trackstar_updated_date} (the 2026 docs), which the 2025 copy lacks.
 */
public final class WmsWriteContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String SPEC = "contract/trackstar-wms-writes-openapi.json";

    public static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(withoutParameters(read(SPEC)))
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    public static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(VALIDATOR);

    private WmsWriteContract() {
    }

    /**
     * Requests are not validated, and the library still compiles a pattern from each declared parameter name, which
     * fails on names like {@code reference_id[eq-insensitive]} (a bad character range). The query and header parameters
     * go;
     * path parameters and every response schema stay.
     */
    private static String withoutParameters(String spec) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(spec);
            tree.path("paths").forEach(item -> item.forEach(operation -> {
                java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> parameters = operation.path("parameters")
                        .iterator();
                while (parameters.hasNext()) {
                    if (!parameters.next().path("in").asText().equals("path")) {
                        parameters.remove();
                    }
                }
            }));
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = WmsWriteContract.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
