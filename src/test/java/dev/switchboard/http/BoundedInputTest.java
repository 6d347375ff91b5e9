package dev.switchboard.http;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every input is bounded before it becomes objects, and every error report is capped. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BoundedInputTest {

    @Test
    void a_mebibyte_of_list_entries_is_a_small_422_about_the_body() {
        Org org = newOrganization();
        StringBuilder body = new StringBuilder("{\"integration_allow_list\":[");
        while (body.length() < 1024 * 1024 - 10) {
            body.append("\"a\",");
        }
        body.setLength(body.length() - 1);
        body.append("]}");
        Response response = as(org.testKey()).contentType(ContentType.JSON).body(body.toString()).post("/magic-links");
        response.then().statusCode(422)
                .body("detail.json._schema[0]", equalTo("Too many values in the body (at most 10000 JSON tokens)."));
        assertTrue(response.asString().length() < 1000, response.asString());
    }

    @Test
    void nesting_and_long_strings_are_bounded() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"metadata\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41))
                .post("/magic-links").then().statusCode(422)
                .body("detail.json._schema[0]", equalTo("Nested too deeply (at most 32 levels)."));
        as(org.testKey()).contentType(ContentType.JSON).body(Map.of("customer_id", "a".repeat(9000)))
                .post("/magic-links").then().statusCode(422)
                .body("detail.json._schema[0]", equalTo("A string is too long (at most 8192 characters)."));
    }

    @Test
    void lists_have_a_length_and_reports_list_the_first_problems_and_count_the_rest() {
        Org org = newOrganization();
        String many = "[" + "\"nope\",".repeat(100) + "\"nope\"]";
        as(org.testKey()).contentType(ContentType.JSON).body("{\"integration_block_list\":" + many + "}")
                .post("/magic-links").then().statusCode(422)
                .body("detail.json.integration_block_list[0]", equalTo("Longer than maximum length 100 entries."));
        String fifty = "[" + "\"nope\",".repeat(49) + "\"nope\"]";
        Response response = as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"integration_block_list\":" + fifty + ",\"disabled_functions\":" + fifty + "}")
                .post("/magic-links");
        response.then().statusCode(422).body("detail.json", hasKey("integration_block_list.0"))
                .body("detail.json._more[0]", equalTo("80 more problems not listed."));
        Map<String, ?> json = response.path("detail.json");
        assertTrue(json.size() == 21, json.keySet().toString());
    }

    @Test
    void webhook_event_lists_are_bounded() {
        Org org = newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.com/h\",\"events\":[" + "\"magic_link.created\",".repeat(50)
                        + "\"magic_link.created\"]}")
                .post("/webhooks").then().statusCode(422)
                .body("detail.json.events[0]", equalTo("Longer than maximum length 50 entries."));
    }
}
