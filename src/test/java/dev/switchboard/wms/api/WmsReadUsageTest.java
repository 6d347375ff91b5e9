package dev.switchboard.wms.api;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.ConnectionUsage;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.WmsTesting.Reader;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads count as uses of the connection ({@code times_used}, {@code last_used} on the connection object), written in
 * batches: no write on the read's path, the counts land at the next flush.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsReadUsageTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    DataSource db;
    @Inject
    ConnectionUsage usage;

    @Test
    void reads_with_a_token_are_counted_on_its_connection_at_the_next_flush_and_nowhere_else() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        Reader other = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shipbob", List.of(), null);
        WmsTesting.seed(db, reader, WmsFunction.GET_ORDERS, 2);
        usage.flush();

        reader.request().get("/wms/orders").then().statusCode(200);
        reader.request().get("/wms/orders/" + WmsFixtures.id(WmsFunction.GET_ORDERS, 1)).then().statusCode(200);
        reader.request().get("/wms/orders/nope").then().statusCode(404);
        // Not a use of any connection: a token that names none.
        as(org.testKey()).header("x-trackstar-access-token", "sb_at_" + "0".repeat(38)).get("/wms/orders").then()
                .statusCode(401);

        // Counted in memory only: the row is untouched until the flush.
        as(org.testKey()).get("/connections/" + reader.connectionId()).then().statusCode(200)
                .body("data[0].times_used", is(0)).body("data[0].last_used", nullValue());
        usage.flush();
        as(org.testKey()).get("/connections/" + reader.connectionId()).then().statusCode(200)
                .body("data[0].times_used", is(3)).body("data[0].last_used", notNullValue());
        as(org.testKey()).get("/connections/" + other.connectionId()).then().statusCode(200)
                .body("data[0].times_used", is(0)).body("data[0].last_used", nullValue());

        // The next flush adds to the total.
        reader.request().get("/wms/orders").then().statusCode(200);
        usage.flush();
        as(org.testKey()).get("/connections/" + reader.connectionId()).then().statusCode(200)
                .body("data[0].times_used", is(4));
    }
}
