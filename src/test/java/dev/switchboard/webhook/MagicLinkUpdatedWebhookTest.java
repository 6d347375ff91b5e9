package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static dev.switchboard.webhook.WebhookTesting.createWebhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An edit of a magic link reaches a subscribed endpoint as {@code magic_link.updated} with previous_attributes. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkUpdatedWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_edit_sends_the_new_state_and_the_changed_fields_as_they_were() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            createWebhook(org.testKey(), Map.of("url", receiver.url("/"), "events", List.of("magic_link.updated")));
            String id = as(org.testKey()).contentType(ContentType.JSON)
                    .body(Map.of("customer_id", "c-1", "metadata", Map.of("crm", "42"),
                            "integration_allow_list", List.of("shipbob")))
                    .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");
            as(org.testKey()).contentType(ContentType.JSON)
                    .body(Map.of("customer_id", "c-2", "integration_allow_list", List.of("shipbob"),
                            "redirect_url", "https://app.example.com/done"))
                    .patch("/magic-links/" + id).then().statusCode(200);

            JsonNode body = JSON.readTree(receiver.await(1, Duration.ofSeconds(15)).get(0).bodyText());
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("event_type", "magic_link_id", "customer_id", "occurred_at", "data", "metadata",
                    "previous_attributes"), fields);
            assertEquals("magic_link.updated", body.get("event_type").asText());
            assertEquals(id, body.get("magic_link_id").asText());
            assertEquals("c-2", body.get("customer_id").asText());
            // Only what changed, as it was (the allow list was given unchanged).
            assertEquals(JSON.readTree("{\"customer_id\":\"c-1\",\"redirect_url\":null}"),
                    body.get("previous_attributes"));
            assertEquals("https://app.example.com/done", body.at("/data/redirect_url").asText());
            assertEquals("shipbob", body.at("/data/integration_allow_list/0").asText());
            assertEquals(2, body.at("/data/version").asInt());
            assertTrue(body.at("/data/api_key_id").asText().startsWith("key_"), body.toString());
            assertEquals("42", body.at("/metadata/crm").asText());
        }
    }
}
