package dev.switchboard.magiclink;

import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** README's "A customer connects", as written: an allow list plus {@code "sandbox": true} offers the Sandbox too. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SandboxWalkthroughTest {

    @Test
    void sandbox_true_adds_the_sandbox_to_what_the_allow_list_offers() {
        Org org = newOrganization();
        String id = as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"customer_id\":\"acme\",\"integration_allow_list\":[\"shipbob\",\"shiphero\"],\"sandbox\":true,\n"
                        + "       \"redirect_url\":\"http://localhost:3000/connected\"}")
                .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");
        assertEquals(List.of("sandbox", "shipbob", "shiphero"), offered(id).stream().sorted().toList());

        String withoutSandbox = as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"integration_allow_list\":[\"shipbob\",\"shiphero\"]}")
                .post("/magic-links").then().statusCode(200).extract().path("magic_link.id");
        assertEquals(List.of("shipbob", "shiphero"), offered(withoutSandbox).stream().sorted().toList());
    }

    private static List<String> offered(String linkId) {
        String html = given().get("/link/" + linkId).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("name=\"integration\" value=\"([^\"]+)\"").matcher(html);
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
