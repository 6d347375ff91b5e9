package dev.switchboard.catalog;

import static dev.switchboard.testing.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IntegrationResourceTest {

    static Fixtures.Org org;

    @BeforeEach
    void organization() {
        if (org == null) {
            org = Fixtures.newOrganization();
        }
    }

    @Test
    void every_type_lists_its_integrations_and_a_sandbox_in_the_contract_shape() {
        int real = 0;
        for (String type : List.of("wms", "freight", "cart", "carrier", "erp")) {
            List<String> names = as(org.testKey()).filter(Contract.FILTER).get("/integrations/" + type)
                    .then().statusCode(200)
                    .body("data.integration_name", hasItem("sandbox"))
                    .body("data.logo_url", everyItem(startsWith("http://localhost:8080/static/logos/" + type + "/")))
                    .extract().path("data.integration_name");
            real += names.size() - 1;
        }
        assertTrue(real >= 25, "at least 25 real integrations, found " + real);
    }

    @Test
    void a_wms_lists_its_operations_by_kind() {
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms/shipbob").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].display_name", is("ShipBob"))
                .body("data[0].install_method", is("input"))
                .body("data[0].available_actions", hasItem("create_order"))
                .body("data[0].list_operations.find { it.action == 'get_inventory' }.url", is("GET /wms/inventory"))
                .body("data[0].list_operations.find { it.action == 'get_inventory' }.implemented_fields.sku", is(true))
                .body("data[0].write_operations.find { it.action == 'create_order' }.url", is("POST /wms/orders"))
                .body("data[0].write_operations.find { it.action == 'create_order' }.required_base_schema_fields",
                        hasItem("line_items.product_id"))
                .body("data[0].write_operations.action", not(hasItem("get_inventory")));
    }

    @Test
    void carriers_and_erps_are_types_too() {
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/carrier/fedex").then().statusCode(200)
                .body("data[0].list_operations.url", hasItem("GET /carrier/shipping-methods"));
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/erp/netsuite").then().statusCode(200);
    }

    @Test
    void an_unknown_type_is_422_at_the_path() {
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/3pl").then().statusCode(422)
                .body("error", is("Validation error"))
                .body("detail.path.integration_type[0]", is("Must be one of: wms, freight, cart, carrier, erp."));
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/WMS/shipbob").then().statusCode(422)
                .body("detail.path.integration_type", notNullValue());
    }

    @Test
    void an_unknown_name_or_a_name_of_another_type_is_404() {
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms/nope").then().statusCode(404)
                .body("error", is("Integration not found")).body("id", is("nope")).body("size()", is(2));
        as(org.testKey()).filter(Contract.FILTER).get("/integrations/wms/shopify").then().statusCode(404);
    }

    @Test
    void responses_carry_an_etag_and_answer_304_to_if_none_match() {
        String etag = as(org.testKey()).get("/integrations/cart").then().statusCode(200)
                .header("Cache-Control", containsString("max-age=300"))
                .header("Cache-Control", containsString("private"))
                .extract().header("ETag");
        as(org.testKey()).header("If-None-Match", etag).get("/integrations/cart").then().statusCode(304)
                .header("ETag", is(etag));
        as(org.testKey()).header("If-None-Match", "\"stale\"").get("/integrations/cart").then().statusCode(200);
        String single = as(org.testKey()).get("/integrations/cart/shopify").then().extract().header("ETag");
        assertTrue(!single.equals(etag), "a single integration has its own ETag");
    }

    @Test
    void the_catalog_needs_a_key() {
        given().get("/integrations/wms").then().statusCode(401);
    }

    @Test
    void logos_are_public_svg_lettermarks() {
        given().get("/static/logos/wms/shipbob.svg").then().statusCode(200)
                .contentType(startsWith("image/svg+xml"))
                .header("Cache-Control", containsString("public"))
                .body(containsString(">SB</text>"));
        given().get("/static/logos/wms/nope.svg").then().statusCode(404);
        given().get("/static/logos/3pl/shipbob.svg").then().statusCode(404);
        given().get("/static/logos/wms/shipbob.png").then().statusCode(404);
    }
}
