package dev.switchboard.organization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(OperatorApiDisabledTest.NoOperatorToken.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorApiDisabledTest {

    public static class NoOperatorToken implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.admin-token", "");
        }
    }

    @Test
    void without_an_operator_token_every_admin_route_is_404() {
        for (String path : new String[]{ "/admin/organizations", "/admin/organizations/org_x/suspend" }) {
            given().header("Authorization", "Bearer " + Fixtures.OPERATOR_TOKEN).contentType("application/json")
                    .body(Map.of("name", "x")).post(path).then().statusCode(404)
                    .body("code", equalTo("NOT_FOUND"));
        }
        given().get("/admin/organizations").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
