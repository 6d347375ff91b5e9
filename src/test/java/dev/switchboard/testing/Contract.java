package dev.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * Trackstar's published contract ({@code src/test/resources/contract/trackstar-management-openapi.json}, copied from
 * {@code shared/reference} with one change the reference README prescribes: seed 002 wins, so the three
 * {@code integration_type} enums that still list only wms, freight and cart also list carrier and erp; and the
 * Connection schema has Trackstar 2026's {@code historical_sync_completed}, which the sync engine fills) as a
 * RestAssured
 * filter: add {@link #FILTER} to a request and the test fails
 * when the response body, for a path and status the contract defines, does not match it exactly
 * ({@code additionalProperties: false} included).
 * <p>
 * Requests are not checked: Switchboard's documented extensions (for example {@code redirect_url} on
 * {@code POST /magic-links}) are not in Trackstar's schemas. Statuses the contract leaves open (401, 403, 429, 503)
 * are decided by the issues and asserted by the tests themselves.
 */
public final class Contract {

    public static final String SPEC = "contract/trackstar-management-openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(withoutWebhooks(read(SPEC)))
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                    // Schemas that say nothing about additionalProperties allow them (JSON Schema's rule); the
                    // library would otherwise close them all, and ValidationError's placeholder "<location>" with it.
                    // Every schema that declares additionalProperties: false is still held to it.
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    public static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(VALIDATOR);

    private static final OpenAPI SCHEMAS = new OpenAPIV3Parser().readContents(withoutWebhooks(read(SPEC)))
            .getOpenAPI();

    private Contract() {
    }

    /**
     * The problems of {@code json} against {@code components.schemas.<schema>} (empty when it matches exactly,
     * {@code additionalProperties: false} included): for Switchboard's extensions that answer with a contract schema
     * on a path the contract does not have (the filter checks only the contract's own paths), such as
     * {@code PATCH /magic-links/{id}} answering {@code MagicLinkResponseSchema}.
     */
    public static ValidationReport validate(String schema, String json) {
        return new SchemaValidator(SCHEMAS, new MessageResolver()).validate(json,
                Objects.requireNonNull(SCHEMAS.getComponents().getSchemas().get(schema), schema), "response");
    }

    /** Fails when {@code json} does not match {@code components.schemas.<schema>} exactly. */
    public static void assertMatches(String schema, String json) {
        ValidationReport report = validate(schema, json);
        if (!report.getMessages().isEmpty()) {
            throw new AssertionError(schema + ": " + report + "\n" + json);
        }
    }

    /**
     * The file is OpenAPI 3.0.3 with a 3.1 {@code webhooks} section, which the 3.0 parser reports as an error. Webhook
     * bodies are checked by the webhook tests against {@code components.schemas}, which stay.
     */
    private static String withoutWebhooks(String spec) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(spec);
            tree.remove("webhooks");
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
