package dev.switchboard.sync;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.testing.Contract;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Connection-health test helpers: the connection through the contract, and a reinstall through the Connect modal. */
final class HealthTesting {

    static final String ORIGIN = "https://app.example.com";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private HealthTesting() {
    }

    /** GET /connections/{id}, its body held to Trackstar's contract. */
    static ValidatableResponse connection(String key, String connectionId) {
        return as(key).filter(Contract.FILTER).get("/connections/" + connectionId).then().statusCode(200);
    }

    /** A webhook endpoint for the connection-error events (deliveries fail; the tests read the outbox rows). */
    static void subscribe(String key) {
        as(key).contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1:9/hooks", "events",
                List.of(ConnectionErrors.CREATED, ConnectionErrors.UPDATED, ConnectionErrors.DELETED)))
                .post("/webhooks").then().statusCode(201);
    }

    /**
     * Reinstalls {@code connectionId} as a customer does from the organization's app: {@code POST /link/token} with
     * the connection's id, then the Connect modal's form with new credentials. Returns the modal's answer.
     */
    static ValidatableResponse reinstall(String key, String connectionId, String integration,
            Map<String, String> credentials) {
        as(key).contentType(ContentType.JSON).body("{\"allowed_origins\":[\"" + ORIGIN + "\"]}")
                .patch("/organization").then().statusCode(200);
        String linkToken = as(key).contentType(ContentType.JSON).body(Map.of("connection_id", connectionId))
                .post("/link/token").then().statusCode(200).extract().path("link_token");
        String page = given().get("/link/connect?link_token=" + linkToken + "&origin=" + ORIGIN).asString();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no form token on the Connect page: " + page);
        }
        var form = given().formParam("link_token", linkToken).formParam("origin", ORIGIN)
                .formParam("csrf", csrf.group(1)).formParam("integration", integration).formParam("step", "install");
        credentials.forEach((k, v) -> form.formParam("cred." + k, v));
        return form.post("/link/connect").then();
    }

    static void assertWebhook(String schema, ObjectNode body) {
        ValidationReport report = WebhookSchemas.validate(schema, body.toString());
        assertFalse(report.hasErrors(), schema + ": " + report.getMessages() + "\n" + body);
    }
}
