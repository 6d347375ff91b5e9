package dev.switchboard.organization;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrganizationResourceTest {

    @Test
    void a_new_organization_has_no_branding() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).get("/organization").then().statusCode(200)
                .body("organization.id", is(org.id()))
                .body("organization.display_name", nullValue())
                .body("organization.brand_color", nullValue())
                .body("organization.allowed_origins", empty())
                .body("organization.status", is("active"));
    }

    @Test
    void patch_sets_what_it_names_and_leaves_the_rest() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body("""
                        {"display_name":"  Acme Logistics ","brand_color":"#1A2B3C","support_email":"help@acme.example",
                         "logo_url":"https://cdn.acme.example/logo.png",
                         "allowed_origins":["https://App.Acme.example","https://app.acme.example","http://localhost:3000"]}""")
                .patch("/organization").then().statusCode(200)
                .body("organization.display_name", is("Acme Logistics"))
                .body("organization.brand_color", is("#1a2b3c"))
                .body("organization.allowed_origins", contains("https://app.acme.example", "http://localhost:3000"));
        as(org.testKey()).contentType(ContentType.JSON).body("{\"brand_color\":null}")
                .patch("/organization").then().statusCode(200)
                .body("organization.brand_color", nullValue())
                .body("organization.display_name", is("Acme Logistics"));
        // Each environment has its own: a test key never changes what live customers see or which origins may
        // embed the live Connect modal.
        as(org.liveKey()).get("/organization").then().statusCode(200)
                .body("organization.display_name", nullValue())
                .body("organization.support_email", nullValue())
                .body("organization.allowed_origins", empty());
        as(org.liveKey()).contentType(ContentType.JSON).body("{\"display_name\":\"Acme Live\"}")
                .patch("/organization").then().statusCode(200).body("organization.display_name", is("Acme Live"));
        as(org.testKey()).get("/organization").then().statusCode(200)
                .body("organization.display_name", is("Acme Logistics"));
    }

    @Test
    void hosted_pages_show_the_branding_of_the_links_environment() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("{\"display_name\":\"Acme Test\"}").patch("/organization")
                .then().statusCode(200);
        as(org.liveKey()).contentType(ContentType.JSON).body("{\"display_name\":\"Acme Live\"}").patch("/organization")
                .then().statusCode(200);
        for (String[] env : new String[][]{ { org.testKey(), "Acme Test", "Acme Live" },
                { org.liveKey(), "Acme Live", "Acme Test" } }) {
            String id = as(env[0]).contentType(ContentType.JSON).body("{}").post("/magic-links").then()
                    .statusCode(200).extract().path("magic_link.id");
            String html = io.restassured.RestAssured.given().get("/link/" + id).then().statusCode(200).extract()
                    .asString();
            assertTrue(html.contains(env[1]) && !html.contains(env[2]), html);
        }
    }

    @Test
    void every_bad_field_is_reported_and_nothing_changes() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body("""
                        {"display_name":"Kept"}""").patch("/organization").then().statusCode(200);
        as(org.testKey()).contentType(ContentType.JSON)
                .body("""
                        {"display_name":"New","brand_color":"red","support_email":"nope","logo_url":"http://evil.example/x.png",
                         "allowed_origins":["https://ok.example","https://x.example/path",5],"colour":"#000000"}""")
                .patch("/organization").then().statusCode(422)
                .body("detail.json.brand_color[0]", is("Not a valid colour (#RRGGBB)."))
                .body("detail.json.support_email[0]", is("Not a valid email address."))
                .body("detail.json.logo_url[0]", is("Must be an https URL."))
                .body("detail.json.'allowed_origins.1'[0]", notNullValue())
                .body("detail.json.'allowed_origins.2'[0]", notNullValue())
                .body("detail.json.colour[0]", is("Unknown field."));
        as(org.testKey()).get("/organization").then().body("organization.display_name", is("Kept"));
    }

    @Test
    void a_body_that_is_not_an_object_is_422() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("[1]").patch("/organization").then().statusCode(422)
                .body("detail.json._schema[0]", is("Invalid input type: expected a JSON object."));
        as(org.testKey()).contentType(ContentType.JSON).body("{\"display_name\":5}").patch("/organization").then()
                .statusCode(422).body("detail.json.display_name[0]", is("Not a valid string."));
    }

    @Test
    void branding_needs_the_admin_scope() {
        Fixtures.Org org = Fixtures.newOrganization();
        String write = Fixtures.newKey(org.testKey(), "write", 0);
        as(write).get("/organization").then().statusCode(403);
        as(write).contentType(ContentType.JSON).body("{}").patch("/organization").then().statusCode(403);
    }
}
