package dev.switchboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperationsTest {

    @Test
    void health_endpoints_answer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void the_openapi_document_is_3_1_and_documents_errors_with_named_schemas() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3.1"))
                .body("paths", hasKey("/api-keys"))
                .body("paths", hasKey("/api-keys/{id}/roll"))
                .body("paths", hasKey("/admin/organizations"))
                .body("paths.'/api-keys'.post.responses", hasKey("422"))
                .body("paths.'/api-keys'.post.responses", hasKey("401"))
                .body("paths.'/api-keys'.post.responses", hasKey("429"))
                .body("components.schemas", hasKey("ValidationError"))
                .body("components.schemas", hasKey("Error"))
                .body("components.schemas.CreateApiKeyInput.additionalProperties", equalTo(false));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
