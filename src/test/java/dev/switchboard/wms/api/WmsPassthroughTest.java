package dev.switchboard.wms.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.VendorStandIns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code POST /wms/passthrough} against the ShipBob stand-in: the vendor's auth injected and the caller's dropped, the
 * vendor's answer wrapped in a 200 whatever its status, the path kept on the vendor's API, the sandbox's 501, and
 * another organization's token.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsPassthroughTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private WmsTesting.Reader shipbob(Fixtures.Org org) {
        return WmsTesting.connect(connections, catalog, new Tenant(org.id(), Environment.TEST), org.testKey(),
                "shipbob", List.of(), null);
    }

    @Test
    void the_vendors_answer_comes_back_in_a_200_with_its_auth_injected() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = shipbob(org);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order")).willReturn(aResponse()
                .withStatus(422).withHeader("Content-Type", "application/json").withHeader("x-remaining-calls", "12")
                .withBody("{\"errors\":[\"Cannot insert order with existing ReferenceId\"]}")));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body(Map.of("method", "POST", "path", "/2026-01/order", "data", Map.of("reference_id", "R-1"),
                        "headers", Map.of("Authorization", "Bearer stolen", "X-Custom", "yes"), "params",
                        Map.of("dry", "1")))
                .post("/wms/passthrough").then().statusCode(200)
                .body("status_code", Matchers.equalTo(422))
                .body("headers.x-remaining-calls", Matchers.equalTo("12"))
                .body("body.errors[0]", Matchers.equalTo("Cannot insert order with existing ReferenceId"));
        VendorStandIns.shipbob().verify(postRequestedFor(urlPathEqualTo("/2026-01/order"))
                .withHeader("Authorization", equalTo("Bearer " + WmsTesting.SHIPBOB.get("personal_access_token")))
                .withHeader("X-Custom", equalTo("yes")).withQueryParam("dry", equalTo("1"))
                .withRequestBody(equalToJson("{\"reference_id\":\"R-1\"}")));
    }

    @Test
    void a_path_off_the_vendors_api_or_a_bad_method_is_a_422() {
        Fixtures.Org org = Fixtures.newOrganization();
        WmsTesting.Reader reader = shipbob(org);
        for (String path : List.of("/2026-01/../admin", "https://evil.example/x", "//evil.example/x",
                "/2026-01/%2e%2e/x")) {
            as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                    .body(Map.of("method", "GET", "path", path)).post("/wms/passthrough").then().statusCode(422)
                    .body("detail.json", hasKey("path"));
        }
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body(Map.of("method", "TRACE", "path", "/2026-01/order")).post("/wms/passthrough").then()
                .statusCode(422).body("detail.json", hasKey("method"));
        as(org.testKey()).header("x-trackstar-access-token", reader.token()).contentType(ContentType.JSON)
                .body("{}").post("/wms/passthrough").then().statusCode(422).body("detail.json", hasKey("path"));
    }

    @Test
    void the_sandbox_has_no_passthrough_and_another_organizations_token_is_401() {
        Fixtures.Org org = Fixtures.newOrganization();
        String token = as(org.testKey()).filter(Contract.FILTER).post("/sandbox/generate-sandbox/wms").then()
                .statusCode(200).extract().path("access_token");
        as(org.testKey()).header("x-trackstar-access-token", token).contentType(ContentType.JSON)
                .body(Map.of("method", "GET", "path", "/orders")).post("/wms/passthrough").then().statusCode(501)
                .body("error", containsString("passthrough is not implemented for Sandbox"));
        Fixtures.Org other = Fixtures.newOrganization();
        as(other.testKey()).header("x-trackstar-access-token", token).contentType(ContentType.JSON)
                .body(Map.of("method", "GET", "path", "/orders")).post("/wms/passthrough").then().statusCode(401)
                .body("code", Matchers.equalTo("INVALID_ACCESS_TOKEN"));
    }
}
