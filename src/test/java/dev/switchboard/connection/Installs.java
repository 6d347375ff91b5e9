package dev.switchboard.connection;

import static dev.switchboard.testing.Fixtures.as;

import java.util.List;
import java.util.Map;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures;
import io.restassured.http.ContentType;

/** Test helpers: installs through the service (the hosted flow's entry point), exchanges through the API. */
final class Installs {

    static final Map<String, String> SHIPHERO_CREDENTIALS = Map.of("username", "ops@acme.example", "password",
            "pa55-shiphero-secret");

    private Installs() {
    }

    static Tenant test(Fixtures.Org org) {
        return new Tenant(org.id(), Environment.TEST);
    }

    static Tenant live(Fixtures.Org org) {
        return new Tenant(org.id(), Environment.LIVE);
    }

    static Integration integration(Catalog catalog, IntegrationType type, String name) {
        return catalog.find(type, name).orElseThrow();
    }

    static ConnectionService.Installed shiphero(ConnectionService service, Catalog catalog, Tenant tenant,
            String customerId) {
        return service.install(tenant, integration(catalog, IntegrationType.WMS, "shiphero"), customerId,
                SHIPHERO_CREDENTIALS, List.of(), null, null);
    }

    /** POST /link/exchange through the contract filter; returns the access token. */
    static String exchange(String apiKey, String authCode) {
        return as(apiKey).filter(Contract.FILTER).contentType(ContentType.JSON).body(Map.of("auth_code", authCode))
                .post("/link/exchange").then().statusCode(200).extract().path("access_token");
    }
}
