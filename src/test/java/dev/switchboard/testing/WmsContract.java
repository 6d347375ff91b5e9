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
 * Trackstar's unified WMS read API ({@code src/test/resources/contract/trackstar-wms-reads-openapi.json}, copied from
 * {@code shared/reference} with one change: every record schema also has {@code trackstar_created_date} and
 * {@code trackstar_updated_date}, which the 2026 docs add to every record) as a RestAssured filter, like
 * {@link Contract}: a body that differs from the contract for a path and status it defines fails the test. Requests
 * are not checked here (the filter tests send malformed ones on purpose, and trackstar_* filters are not in the
 * file); statuses the contract leaves open (401, 403, 501) are asserted by the tests. The write routes' responses
 * are checked the same way against {@link #WRITES_SPEC}.
 */
public final class WmsContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String SPEC = "contract/trackstar-wms-reads-openapi.json";

    /** The write paths and their response schemas, cut from the reference (the whole file does not load here). */
    public static final String WRITES_SPEC = "contract/trackstar-wms-writes-openapi.json";

    public static final OpenApiInteractionValidator VALIDATOR = validator(SPEC);

    public static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(VALIDATOR);

    /** The same filter for the write routes' responses ({@code wms<Action><Object>Response}). */
    public static final OpenApiValidationFilter WRITE_FILTER = new OpenApiValidationFilter(validator(WRITES_SPEC));

    private static OpenApiInteractionValidator validator(String spec) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(withoutParameters(read(spec)))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private WmsContract() {
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
        try (InputStream in = WmsContract.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
