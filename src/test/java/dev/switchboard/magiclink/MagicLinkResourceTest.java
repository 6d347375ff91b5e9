package dev.switchboard.magiclink;

import static dev.switchboard.magiclink.MagicLinkTesting.create;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newKey;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import dev.switchboard.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkResourceTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static final String ID = "^[0-9a-f]{32}$";
    private static final String WHOLE_SECOND_UTC = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$";

    @Test
    void creating_with_an_empty_body_applies_the_contract_defaults() {
        Org org = newOrganization();
        Instant before = clock.freeze();
        var body = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON).body("{}")
                .post("/magic-links")
                .then().statusCode(200)
                .body("magic_link.id", matchesPattern(ID))
                .body("magic_link.expires_at", matchesPattern(WHOLE_SECOND_UTC))
                .body("magic_link.integration_type", equalTo("wms"))
                .body("magic_link.integration_allow_list", empty())
                .body("magic_link.integration_block_list", empty())
                .body("magic_link.integrations_with_endpoints", empty())
                .body("magic_link.customer_id", nullValue())
                .extract();
        String id = body.path("magic_link.id");
        assertEquals("http://localhost:8080/link/" + id, body.path("magic_link.url"));
        Instant expires = Instant.parse(body.path("magic_link.expires_at"));
        assertEquals(before.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS), expires);
        Map<String, Object> link = new HashMap<>(Map.of("id", id, "url", "http://localhost:8080/link/" + id,
                "expires_at", body.path("magic_link.expires_at"), "integration_type", "wms",
                "integration_allow_list", List.of(), "integration_block_list", List.of(),
                "integrations_with_endpoints", List.of()));
        link.put("customer_id", null);
        assertEquals(Map.of("magic_link", link), body.as(Map.class), "exactly the contract's fields");
    }

    @Test
    void every_field_is_kept_lists_without_duplicates_in_the_order_given() {
        Org org = newOrganization();
        Instant before = clock.freeze();
        Map<String, Object> input = new HashMap<>();
        input.put("integration_type", "cart");
        input.put("integration_block_list", List.of("magento", "shopify", "magento"));
        input.put("integrations_with_endpoints", List.of("get_orders", "get_inventory", "get_orders"));
        input.put("link_duration", 30);
        input.put("customer_id", "customer-123");
        input.put("redirect_url", "https://app.example.com/done?x=1");
        input.put("metadata", Map.of("plan", "gold", "seats", 12, "nested", Map.of("a", List.of(1, 2))));
        input.put("sandbox", true);
        input.put("disabled_functions", List.of("create_order", "cancel_order"));
        String expiresAt = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON).body(input)
                .post("/magic-links").then().statusCode(200)
                .body("magic_link.integration_type", equalTo("cart"))
                .body("magic_link.integration_block_list", contains("magento", "shopify"))
                .body("magic_link.integrations_with_endpoints", contains("get_orders", "get_inventory"))
                .body("magic_link.integration_allow_list", empty())
                .body("magic_link.customer_id", equalTo("customer-123"))
                .extract().path("magic_link.expires_at");
        assertEquals(before.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS), Instant.parse(expiresAt));

        String allowed = create(org.testKey(),
                Map.of("integration_allow_list", List.of("shipbob", "shiphero", "shipbob")));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + allowed).then().statusCode(200)
                .body("magic_link.integration_allow_list", contains("shipbob", "shiphero"));
    }

    @Test
    void ids_are_random_and_reading_one_returns_what_creating_returned() {
        Org org = newOrganization();
        Map<String, Object> created = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("customer_id", "c-1")).post("/magic-links").then().statusCode(200).extract().as(Map.class);
        String id = (String) ((Map<?, ?>) created.get("magic_link")).get("id");
        Map<String, Object> read = as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then()
                .statusCode(200)
                .extract().as(Map.class);
        assertEquals(created, read);
        assertNotEquals(id, create(org.testKey()));
    }

    @Test
    void unknown_and_malformed_ids_are_contract_404s() {
        Org org = newOrganization();
        for (String id : List.of("0123456789abcdef0123456789abcdef", "not-an-id", "0123456789ABCDEF0123456789ABCDEF",
                "x".repeat(300))) {
            as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(404)
                    .body("error", equalTo("Magic link not found")).body("id", equalTo(id)).body("code", nullValue());
            as(org.testKey()).filter(Contract.FILTER).delete("/magic-links/" + id).then().statusCode(404)
                    .body("id", equalTo(id));
            as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(404).body("id", equalTo(id));
        }
    }

    @Test
    void another_organization_gets_404_for_get_delete_and_activity_and_never_lists_it() {
        Org ours = newOrganization();
        Org theirs = newOrganization();
        String id = create(ours.testKey());
        as(theirs.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(404)
                .body("error", equalTo("Magic link not found")).body("id", equalTo(id));
        as(theirs.testKey()).filter(Contract.FILTER).delete("/magic-links/" + id).then().statusCode(404).body("id",
                equalTo(id));
        as(theirs.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(404).body("id", equalTo(id));
        as(theirs.testKey()).filter(Contract.FILTER).get("/magic-links").then().statusCode(200)
                .body("magic_links.id", not(hasItem(id)));
        as(ours.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200); // not revoked by
                                                                                                     // them
    }

    @Test
    void the_other_environment_gets_404_for_get_delete_and_activity_and_never_lists_it() {
        Org org = newOrganization();
        String id = create(org.testKey());
        as(org.liveKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(404).body("id",
                equalTo(id));
        as(org.liveKey()).filter(Contract.FILTER).delete("/magic-links/" + id).then().statusCode(404).body("id",
                equalTo(id));
        as(org.liveKey()).get("/magic-links/" + id + "/activity").then().statusCode(404).body("id", equalTo(id));
        as(org.liveKey()).filter(Contract.FILTER).get("/magic-links").then().statusCode(200).body("magic_links",
                empty());
        String live = create(org.liveKey());
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + live).then().statusCode(404);
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links").then().statusCode(200)
                .body("magic_links.id", contains(id));
    }

    @Test
    void deleting_revokes_keeps_the_audit_trail_and_a_second_delete_is_404() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("metadata", Map.of("crm", "42")));
        as(org.testKey()).filter(Contract.FILTER).delete("/magic-links/" + id + "?reason=sent to the wrong address")
                .then().statusCode(200)
                .body("id", equalTo(id)).body("object", equalTo("magic_link")).body("deleted", equalTo(true));
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(404).body("id",
                equalTo(id));
        as(org.testKey()).filter(Contract.FILTER).delete("/magic-links/" + id).then().statusCode(404).body("id",
                equalTo(id));
        as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200)
                .body("data.event", contains("created", "revoked"))
                .body("data[1].details.reason", equalTo("sent to the wrong address"))
                .body("data[0].details.metadata.crm", equalTo("42"))
                .body("data[1].details.metadata.crm", equalTo("42"))
                .body("data[0].occurred_at", matchesPattern(WHOLE_SECOND_UTC));
    }

    @Test
    void a_revoke_reason_over_500_characters_is_422_in_the_query() {
        Org org = newOrganization();
        String id = create(org.testKey());
        Map<String, Object> body = as(org.testKey()).filter(Contract.FILTER).queryParam("reason", "r".repeat(501))
                .delete("/magic-links/" + id).then().statusCode(422).extract().as(Map.class);
        assertEquals(Map.of("error", "Validation error", "detail",
                Map.of("query", Map.of("reason", List.of("Longer than maximum length 500.")))), body);
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200);
    }

    @Test
    void a_read_key_sees_the_audit_trail_but_no_link_urls_and_cannot_create_or_revoke() {
        Org org = newOrganization();
        String read = newKey(org.testKey(), "read", 1000);
        String id = create(org.testKey());
        // A link's id and url are bearer credentials (they install a connection): write keys only.
        as(read).get("/magic-links/" + id).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(read).get("/magic-links").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(read).get("/magic-links/" + id + "/activity").then().statusCode(200);
        as(read).contentType(ContentType.JSON).body("{}").post("/magic-links").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(read).delete("/magic-links/" + id).then().statusCode(403);
    }

    // ---- Validation: every rule, every body checked against the contract's ValidationError ----------------------

    @Test
    void allow_list_cannot_be_combined_with_block_list_or_with_endpoints() {
        Org org = newOrganization();
        expect422(org,
                Map.of("integration_allow_list", List.of("shipbob"), "integration_block_list", List.of("shiphero")),
                Map.of("integration_allow_list", List.of("Cannot be combined with integration_block_list."),
                        "integration_block_list", List.of("Cannot be combined with integration_allow_list.")));
        expect422(org,
                Map.of("integration_allow_list", List.of("shipbob"), "integrations_with_endpoints",
                        List.of("get_orders")),
                Map.of("integration_allow_list", List.of("Cannot be combined with integrations_with_endpoints."),
                        "integrations_with_endpoints", List.of("Cannot be combined with integration_allow_list.")));
        // Block list and endpoints together are fine; so are empty lists next to an allow list.
        create(org.testKey(), Map.of("integration_block_list", List.of("shiphero"), "integrations_with_endpoints",
                List.of("get_orders")));
        create(org.testKey(),
                Map.of("integration_allow_list", List.of("shipbob"), "integration_block_list", List.of()));
    }

    @Test
    void every_unknown_integration_name_is_reported_at_its_index_for_the_links_type() {
        Org org = newOrganization();
        expect422(org, Map.of("integration_allow_list", List.of("shipbob", "nope", "shiphero", "also-nope")),
                Map.of("integration_allow_list.1", List.of("Not a wms integration: see GET /integrations/wms."),
                        "integration_allow_list.3", List.of("Not a wms integration: see GET /integrations/wms.")));
        expect422(org, Map.of("integration_type", "freight", "integration_block_list", List.of("flexport", "shipbob")),
                Map.of("integration_block_list.1",
                        List.of("Not a freight integration: see GET /integrations/freight.")));
        create(org.testKey(), Map.of("integration_type", "freight", "integration_allow_list", List.of("flexport")));
    }

    @Test
    void every_unknown_action_is_reported_at_its_index() {
        Org org = newOrganization();
        Map<String, Object> body = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(Map.of("integrations_with_endpoints", List.of("get_inventory", "get_everything"),
                        "disabled_functions", List.of("launch_rocket", "create_order")))
                .post("/magic-links").then().statusCode(422).extract().as(Map.class);
        Map<?, ?> json = (Map<?, ?>) ((Map<?, ?>) body.get("detail")).get("json");
        assertEquals(2, json.size(), json::toString);
        String message = ((List<?>) json.get("integrations_with_endpoints.1")).get(0).toString();
        assertTrue(message.startsWith("Must be one of: get_inventory, adjust_inventory, get_products, "), message);
        assertEquals(json.get("integrations_with_endpoints.1"), json.get("disabled_functions.0"));
    }

    @Test
    void filters_that_leave_no_integration_are_422() {
        Org org = newOrganization();
        String none = "These filters leave no carrier integration to choose from (the Sandbox is offered only with sandbox: true).";
        expect422(org, Map.of("integration_type", "carrier", "integrations_with_endpoints", List.of("get_inventory")),
                Map.of("_schema", List.of(none)));
        List<String> everyFreight = List.of("flexport", "freightos", "chrobinson", "dhl-global-forwarding");
        expect422(org, Map.of("integration_type", "freight", "integration_block_list", everyFreight),
                Map.of("_schema", List.of(none.replace("carrier", "freight"))));
        // The Sandbox, when offered, is something to choose.
        create(org.testKey(),
                Map.of("integration_type", "freight", "integration_block_list", everyFreight, "sandbox", true));
        expect422(org, Map.of("integration_allow_list", List.of("sandbox")),
                Map.of("_schema", List.of(none.replace("carrier", "wms"))));
        create(org.testKey(), Map.of("integration_allow_list", List.of("sandbox"), "sandbox", true));
    }

    @Test
    void scalar_fields_are_checked_for_type_range_and_length() {
        Org org = newOrganization();
        expect422(org, "{\"link_duration\":0}", "link_duration", "Must be between 1 and 365.");
        expect422(org, "{\"link_duration\":366}", "link_duration", "Must be between 1 and 365.");
        expect422(org, "{\"link_duration\":\"7\"}", "link_duration", "Not a valid integer.");
        expect422(org, "{\"link_duration\":1.5}", "link_duration", "Not a valid integer.");
        expect422(org, "{\"integration_type\":\"3pl\"}", "integration_type",
                "Must be one of: wms, freight, cart, carrier, erp.");
        expect422(org, "{\"customer_id\":\"" + "c".repeat(256) + "\"}", "customer_id",
                "Longer than maximum length 255.");
        expect422(org, "{\"customer_id\":5}", "customer_id", "Not a valid string.");
        expect422(org, "{\"integration_allow_list\":\"shipbob\"}", "integration_allow_list", "Not a valid list.");
        expect422(org, "{\"integration_allow_list\":[7]}", "integration_allow_list.0", "Not a valid string.");
        expect422(org, "{\"integration_block_list\":[null]}", "integration_block_list.0", "Field may not be null.");
        expect422(org, "{\"sandbox\":\"yes\"}", "sandbox", "Not a valid boolean.");
        expect422(org, "{\"status\":\"created\"}", "status", "Unknown field.");
        expect422(org, "[]", "_schema", "Invalid input type: expected a JSON object.");
        expect422(org, "", "_schema", "Missing request body.");
        create(org.testKey(), Map.of("link_duration", 1));
        create(org.testKey(), Map.of("link_duration", 365, "customer_id", "c".repeat(255)));
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("customer_id", null);
        nulls.put("connection_id", null);
        nulls.put("metadata", null);
        create(org.testKey(), nulls);
    }

    @Test
    void connection_id_must_name_a_live_connection_of_this_tenant_and_type() {
        Org org = newOrganization();
        Org other = newOrganization();
        String wms = as(org.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200).extract()
                .path("connection_id");
        String theirs = as(other.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200)
                .extract().path("connection_id");
        String live = as(org.liveKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200).extract()
                .path("connection_id");
        as(org.testKey()).contentType(ContentType.JSON).body("{\"connection_id\":\"" + wms + "\"}")
                .filter(Contract.FILTER)
                .post("/magic-links").then().statusCode(200);
        expect422(org, "{\"connection_id\":\"conn_nosuchconnection0000000\"}", "connection_id",
                "No active connection with this id.");
        expect422(org, "{\"connection_id\":\"" + theirs + "\"}", "connection_id", "No active connection with this id.");
        expect422(org, "{\"connection_id\":\"" + live + "\"}", "connection_id", "No active connection with this id.");
        expect422(org, "{\"connection_id\":\"" + wms + "\",\"integration_type\":\"cart\"}", "connection_id",
                "This connection is a wms connection; the link's integration_type is cart.");
    }

    @Test
    void connection_id_is_checked_for_form_and_length() {
        Org org = newOrganization();
        expect422(org, "{\"connection_id\":\"not an id!\"}", "connection_id", "Not a valid connection id.");
        expect422(org, "{\"connection_id\":\"" + "c".repeat(256) + "\"}", "connection_id",
                "Longer than maximum length 255.");
        expect422(org, "{\"connection_id\":5}", "connection_id", "Not a valid string.");
    }

    @Test
    void redirect_url_must_be_https_or_local_http_outside_production() {
        Org org = newOrganization();
        expect422(org, "{\"redirect_url\":\"http://example.com/done\"}", "redirect_url",
                "Must be an https URL (or http://localhost).");
        expect422(org, "{\"redirect_url\":\"javascript:alert(1)\"}", "redirect_url", "Not a valid URL.");
        expect422(org, "{\"redirect_url\":\"/relative\"}", "redirect_url", "Not a valid URL.");
        expect422(org, "{\"redirect_url\":\"https://user:pw@example.com/\"}", "redirect_url", "Not a valid URL.");
        expect422(org, "{\"redirect_url\":\"not a url\"}", "redirect_url", "Not a valid URL.");
        expect422(org, "{\"redirect_url\":\"https://example.com/" + "p".repeat(2048) + "\"}", "redirect_url",
                "Longer than maximum length 2048.");
        create(org.testKey(), Map.of("redirect_url", "https://example.com/done"));
        create(org.testKey(), Map.of("redirect_url", "http://localhost:3000/done"));
    }

    @Test
    void metadata_must_be_a_json_object_of_at_most_4_kib() {
        Org org = newOrganization();
        expect422(org, "{\"metadata\":[1,2]}", "metadata", "Not a valid object.");
        expect422(org, "{\"metadata\":\"text\"}", "metadata", "Not a valid object.");
        // {"k":"..."} is 8 bytes plus the value.
        expect422(org, "{\"metadata\":{\"k\":\"" + "v".repeat(4089) + "\"}}", "metadata",
                "Longer than maximum size 4096 bytes (as compact JSON).");
        create(org.testKey(), Map.of("metadata", Map.of("k", "v".repeat(4088))));
    }

    private static void expect422(Org org, String body, String field, String message) {
        Map<String, Object> response = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(body)
                .post("/magic-links").then().statusCode(422).contentType(ContentType.JSON).extract().as(Map.class);
        assertEquals(Map.of("error", "Validation error", "detail", Map.of("json", Map.of(field, List.of(message)))),
                response,
                body);
    }

    private static void expect422(Org org, Map<String, ?> body, Map<String, List<String>> fields) {
        Map<String, Object> response = as(org.testKey()).filter(Contract.FILTER).contentType(ContentType.JSON)
                .body(body)
                .post("/magic-links").then().statusCode(422).extract().as(Map.class);
        assertEquals(Map.of("error", "Validation error", "detail", Map.of("json", fields)), response, body::toString);
    }
}
