package dev.switchboard.http;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Secrets stay out of caches and logs. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretsInTransitTest {

    @Test
    void responses_that_carry_a_secret_are_no_store() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of("read")))
                .post("/api-keys").then().statusCode(201).header("Cache-Control", equalTo("no-store"));
        as(org.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"));
        as(org.testKey()).contentType(ContentType.JSON).body("{}").post("/link/token").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("url", "https://example.com/hook"))
                .post("/webhooks").then().statusCode(201).header("Cache-Control", equalTo("no-store"));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("customer_id", "c")).post("/magic-links").then()
                .statusCode(200).header("Cache-Control", equalTo("no-store"));
        // What is not per caller keeps its own policy.
        as(org.testKey()).get("/integrations/wms").then().statusCode(200)
                .header("Cache-Control", not(equalTo("no-store")));
    }

    @Test
    void the_access_log_masks_magic_link_ids_and_link_tokens() {
        assertEquals("/link/c0a4fe...", AccessLog.mask("/link/c0a4fef52f664ecf9e766c16811c3289"));
        assertEquals("/link/c0a4fe.../connect/shipbob",
                AccessLog.mask("/link/c0a4fef52f664ecf9e766c16811c3289/connect/shipbob"));
        assertEquals("/magic-links/c0a4fe.../activity",
                AccessLog.mask("/magic-links/c0a4fef52f664ecf9e766c16811c3289/activity"));
        assertEquals("/link/connect?origin=https%3A%2F%2Fa.example&link_token=lt_abc...&x=1",
                AccessLog.mask("/link/connect?origin=https%3A%2F%2Fa.example&link_token=lt_abcdefghijklmnop&x=1"));
        assertEquals("/magic-links?customer_id=acme&limit=10",
                AccessLog.mask("/magic-links?customer_id=acme&limit=10"));
    }
}
