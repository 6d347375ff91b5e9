package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/** The contract check itself can fail: proof that {@link Contract#FILTER} is not a filter that passes everything. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ContractTest {

    private static ValidationReport check(int status, String body) {
        return Contract.VALIDATOR.validateResponse("/magic-links/abc", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }

    private static final String LINK = """
            {"id":"c0a4fef52f664ecf9e766c16811c3289","expires_at":"2025-09-17T15:01:41Z","integration_type":"wms",
             "integration_allow_list":[],"integration_block_list":[],"integrations_with_endpoints":[],
             "customer_id":null,"url":"http://localhost:8080/link/c0a4fef52f664ecf9e766c16811c3289"%s}""";

    @Test
    void a_conforming_magic_link_passes() {
        ValidationReport report = check(200, "{\"magic_link\":" + LINK.formatted("") + "}");
        assertFalse(report.hasErrors(), report::toString);
    }

    @Test
    void an_extra_property_fails() {
        assertTrue(check(200, "{\"magic_link\":" + LINK.formatted(",\"status\":\"created\"") + "}").hasErrors());
    }

    @Test
    void a_missing_required_property_fails() {
        assertTrue(check(200, "{\"magic_link\":{\"id\":\"x\"}}").hasErrors());
    }

    @Test
    void a_wrong_enum_value_fails() {
        assertTrue(check(200, "{\"magic_link\":" + LINK.formatted("").replace("\"wms\"", "\"3pl\"") + "}").hasErrors());
    }

    @Test
    void a_422_body_must_be_a_validation_error_with_any_location() {
        assertFalse(check(422, "{\"error\":\"Validation error\",\"detail\":{\"path\":{\"magic_link_id\":[\"x\"]}}}")
                .hasErrors());
        assertTrue(check(422, "{\"detail\":{}}").hasErrors());
    }

    @Test
    void a_404_body_must_be_an_http_error() {
        assertFalse(check(404, "{\"error\":\"Magic link not found\",\"id\":\"abc\"}").hasErrors());
        assertTrue(check(404, "{\"message\":1}").hasErrors());
    }
}
