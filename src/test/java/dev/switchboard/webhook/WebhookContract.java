package dev.switchboard.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.testing.Contract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/** Webhook bodies against the contract's component schemas ({@code additionalProperties: false} included). */
final class WebhookContract {

    private static final OpenAPI SPEC = parse();
    private static final SchemaValidator VALIDATOR = new SchemaValidator(SPEC, new MessageResolver());

    private WebhookContract() {
    }

    /** The validation report of {@code json} against {@code components.schemas.<schema>}. */
    static ValidationReport validate(String schema, String json) {
        return VALIDATOR.validate(json, SPEC.getComponents().getSchemas().get(schema), "webhook");
    }

    private static OpenAPI parse() {
        try (InputStream in = WebhookContract.class.getClassLoader().getResourceAsStream(Contract.SPEC)) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode tree = (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            tree.remove("webhooks"); // a 3.1 section in a 3.0.3 file; the schemas it names stay
            return new OpenAPIV3Parser().readContents(json.writeValueAsString(tree)).getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
