package dev.switchboard.organization;

import static dev.switchboard.testing.Fixtures.OPERATOR_TOKEN;
import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorApiTest {

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR_TOKEN);
    }

    @Test
    void creating_an_organization_returns_it_with_a_test_and_a_live_admin_key() {
        Map<String, Object> body = operator().contentType(ContentType.JSON).body(Map.of("name", "Acme Logistics"))
                .post("/admin/organizations").then().statusCode(201)
                .body("id", matchesPattern("org_[0-9A-Za-z]{24}"))
                .body("name", equalTo("Acme Logistics"))
                .body("status", equalTo("active"))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .body("api_keys", hasSize(2))
                .body("api_keys[0].environment", equalTo("test"))
                .body("api_keys[0].key", matchesPattern("sb_test_[0-9A-Za-z]{38}"))
                .body("api_keys[1].environment", equalTo("live"))
                .body("api_keys[1].key", matchesPattern("sb_live_[0-9A-Za-z]{38}"))
                .extract().as(Map.class);
        assertEquals(List.of("api_keys", "created_at", "id", "name", "status"),
                body.keySet().stream().sorted().toList());
        List<Map<String, String>> keys = (List<Map<String, String>>) body.get("api_keys");
        assertEquals(Map.of("environment", "test", "key", keys.get(0).get("key")), keys.get(0));
        as(keys.get(0).get("key")).get("/api-keys").then().statusCode(200).body("api_keys[0].scopes[2]",
                equalTo("admin"));
        as(keys.get(1).get("key")).get("/api-keys").then().statusCode(200).body("organization.environment",
                equalTo("live"));
    }

    @Test
    void organizations_are_listed_in_pages() {
        for (int i = 0; i < 3; i++) {
            operator().contentType(ContentType.JSON).body(Map.of("name", "Paged " + i)).post("/admin/organizations")
                    .then()
                    .statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            RequestSpecification request = operator().queryParam("limit", 2);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            var page = request.get("/admin/organizations").then().statusCode(200).extract();
            List<String> ids = page.path("data.id");
            seen.addAll(ids);
            token = page.path("next_token");
        } while (token != null);
        assertEquals(seen.stream().distinct().count(), seen.size());
        long total = seen.size();
        assertEquals(total, operator().queryParam("limit", 1000).get("/admin/organizations").then().extract()
                .<List<String>>path("data.id").size());
        operator().queryParam("limit", 0).get("/admin/organizations").then().statusCode(422)
                .body("detail.query.limit[0]", equalTo("Must be between 1 and 1000."));
        operator().queryParam("limit", "ten").get("/admin/organizations").then().statusCode(422)
                .body("detail.query.limit[0]", equalTo("Not a valid integer."));
        operator().queryParam("page_token", "garbage!").get("/admin/organizations").then().statusCode(422)
                .body("detail.query.page_token[0]", equalTo("Invalid page token."));
    }

    @Test
    void the_operator_token_is_required_and_checked() {
        given().get("/admin/organizations").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer " + OPERATOR_TOKEN + "x").get("/admin/organizations").then()
                .statusCode(401)
                .body("code", equalTo("INVALID_OPERATOR_TOKEN"));
        // An organization's own admin key is not an operator token.
        String key = operator().contentType(ContentType.JSON).body(Map.of("name", "Not operator"))
                .post("/admin/organizations").then().extract().path("api_keys[0].key");
        as(key).get("/admin/organizations").then().statusCode(401);
        given().header("Authorization", "Bearer " + key).get("/admin/organizations").then().statusCode(401);
    }

    @Test
    void suspending_an_unknown_organization_is_404() {
        operator().post("/admin/organizations/org_nope/suspend").then().statusCode(404)
                .body("error", equalTo("Organization not found")).body("id", equalTo("org_nope"));
    }

    @Test
    void bad_organization_bodies_are_422() {
        operator().contentType(ContentType.JSON).body("{\"name\":\"\"}").post("/admin/organizations").then()
                .statusCode(422)
                .body("detail.json.name[0]", equalTo("Missing data for required field."));
        operator().contentType(ContentType.JSON).body("{\"name\":\"x\",\"plan\":\"gold\"}").post("/admin/organizations")
                .then()
                .statusCode(422).body("detail.json.plan[0]", equalTo("Unknown field."));
        String id = operator().contentType(ContentType.JSON).body(Map.of("name", "Two"))
                .post("/admin/organizations").then().extract().path("id");
        String other = operator().contentType(ContentType.JSON).body(Map.of("name", "Two"))
                .post("/admin/organizations").then().extract().path("id");
        assertNotEquals(id, other);
        // Other tests make organizations too: a page of one always has a next page here.
        operator().get("/admin/organizations?limit=1").then().body("data", hasSize(1)).body("next_token",
                notNullValue());
    }
}
