package dev.switchboard.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The WMS data webhooks' bodies against {@code contract/trackstar-wms-webhooks.json}: the x-webhooks envelopes of
 * {@code shared/reference/trackstar-wms-openapi.json} and the schemas they reference, with the two amendments its
 * generator ({@code make-wms-webhooks-contract.py}) documents.
 */
final class WebhookSchemas {

    private static final OpenAPI SPEC = parse();
    private static final SchemaValidator VALIDATOR = new SchemaValidator(SPEC, new MessageResolver());

    private WebhookSchemas() {
    }

    static ValidationReport validate(String schema, String json) {
        return VALIDATOR.validate(json, SPEC.getComponents().getSchemas().get(schema), "webhook");
    }

    private static OpenAPI parse() {
        try (InputStream in = WebhookSchemas.class.getClassLoader()
                .getResourceAsStream("contract/trackstar-wms-webhooks.json")) {
            return new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
