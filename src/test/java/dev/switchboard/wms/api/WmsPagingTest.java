package dev.switchboard.wms.api;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.WmsTesting.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Keyset paging while the sync changes the records under the client: every record that exists for the whole walk
 * is listed exactly once, in record-id order; what the client sees of the rest is what docs/ARCHITECTURE.md says.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsPagingTest {

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    DataSource db;
    @Inject
    PageMemory memory;

    private Reader reader(int orders) {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        WmsTesting.seed(db, reader, WmsFunction.GET_ORDERS, orders);
        return reader;
    }

    @Test
    void a_walk_while_records_change_lists_each_lasting_record_once_and_in_order() {
        Reader reader = reader(30);
        List<String> seen = new ArrayList<>();
        String token = null;
        int page = 0;
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        do {
            Response response = token == null
                    ? reader.request().get("/wms/orders?limit=7")
                    : reader.request().queryParam("limit", 7).queryParam("page_token", token).get("/wms/orders");
            response.then().statusCode(200);
            List<String> ids = response.path("data.id");
            seen.addAll(ids);
            token = response.path("next_token");
            if (page == 0) {
                // Between the first and the second page, the sync:
                // changes a record already seen, and one not yet seen (both move to the newest updated_date);
                ObjectNode changed = WmsFixtures.document(WmsFunction.GET_ORDERS, 2).put("status", "fulfilled");
                WmsTesting.update(db, reader, WmsFunction.GET_ORDERS, "ord_00002", changed, now);
                ObjectNode later = WmsFixtures.document(WmsFunction.GET_ORDERS, 20).put("status", "cancelled");
                WmsTesting.update(db, reader, WmsFunction.GET_ORDERS, "ord_00020", later, now);
                // deletes one not yet seen;
                WmsTesting.softDelete(db, reader, WmsFunction.GET_ORDERS, "ord_00025");
                // and adds one before the cursor and one after it.
                WmsTesting.insert(db, reader, WmsFunction.GET_ORDERS, "ord_00000a",
                        WmsFixtures.document(WmsFunction.GET_ORDERS, 31).put("id", "ord_00000a"), now, now, now, now);
                WmsTesting.insert(db, reader, WmsFunction.GET_ORDERS, "ord_00099",
                        WmsFixtures.document(WmsFunction.GET_ORDERS, 99), now, now, now, now);
            }
            page++;
        } while (token != null);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no record twice: " + seen);
        assertEquals(seen.stream().sorted().toList(), seen, "record-id order");
        Set<String> lasting = new HashSet<>();
        for (int n = 0; n < 30; n++) {
            if (n != 25) {
                lasting.add(WmsFixtures.id(WmsFunction.GET_ORDERS, n));
            }
        }
        assertTrue(seen.containsAll(lasting), "every record that lasted the walk: " + seen);
        assertFalse(seen.contains("ord_00025"), "deleted before its page");
        assertTrue(seen.contains("ord_00099"), "added after the cursor: on a later page");
        assertFalse(seen.contains("ord_00000a"), "added before the cursor: not in this walk");
        assertEquals(5, page);
        // The changed records show their new version where they stand.
        reader.request().get("/wms/orders/ord_00020").then().statusCode(200).body("data.status", is("cancelled"))
                .body("data.trackstar_updated_date", is("2026-12-01T00:00:00Z"));
    }

    @Test
    void a_filtered_walk_keeps_its_filters_and_a_token_with_other_filters_is_a_422() {
        Reader reader = reader(40);
        List<String> seen = new ArrayList<>();
        String url = "/wms/orders?status[in]=open,picked,fulfilled&updated_date[gte]=2026-09-02T00:00:00Z&limit=2";
        Response first = reader.request().get(url).then().statusCode(200).extract().response();
        seen.addAll(first.path("data.id"));
        String token = first.path("next_token");
        while (token != null) {
            Response next = reader.request().queryParam("page_token", token).get(url).then().statusCode(200).extract()
                    .response();
            seen.addAll(next.path("data.id"));
            token = next.path("next_token");
        }
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String status = WmsFixtures.ORDER_STATUSES[n % WmsFixtures.ORDER_STATUSES.length];
            if (List.of("open", "picked", "fulfilled").contains(status)
                    && !WmsFixtures.updated(n).isBefore(Instant.parse("2026-09-02T00:00:00Z"))) {
                expected.add(WmsFixtures.id(WmsFunction.GET_ORDERS, n));
            }
        }
        assertEquals(expected, seen);

        String token2 = first.path("next_token");
        // Another filter, the same filter with another value, or a filter dropped: 422 at page_token.
        for (String other : List.of("/wms/orders?status[in]=open&updated_date[gte]=2026-09-02T00:00:00Z",
                "/wms/orders?status[in]=open,picked,fulfilled", "/wms/orders",
                "/wms/orders?status[in]=open,picked,fulfilled&updated_date[gte]=2026-09-02T00:00:00Z&type=d2c",
                "/wms/products?status[in]=open,picked,fulfilled&updated_date[gte]=2026-09-02T00:00:00Z")) {
            reader.request().queryParam("page_token", token2).get(other).then().statusCode(422)
                    .body("detail.query", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.hasKey("page_token"),
                            org.hamcrest.Matchers.hasKey("status[in]")));
        }
        reader.request().queryParam("page_token", token2)
                .get("/wms/orders?status[in]=open&updated_date[gte]=2026-09-02T00:00:00Z").then().statusCode(422)
                .body("detail.query.page_token[0]",
                        startsWith("This page token belongs to a listing with other filters"));
        // The same filters in another order, and another limit, continue the walk.
        reader.request().queryParam("page_token", token2)
                .get("/wms/orders?limit=500&updated_date[gte]=2026-09-02T00:00:00Z&status[in]=open,picked,fulfilled")
                .then().statusCode(200).body("total_count", is(expected.size() - 2));
    }

    @Test
    void when_the_instances_page_budget_is_spent_pages_end_early_and_their_tokens_still_walk_every_record() {
        Reader reader = reader(30);
        long spend = memory.capacity() - memory.held();
        assertTrue(memory.take(spend, true));
        try {
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                Response response = token == null
                        ? reader.request().get("/wms/orders?limit=1000")
                        : reader.request().queryParam("limit", 1000).queryParam("page_token", token)
                                .get("/wms/orders");
                response.then().statusCode(200);
                List<String> ids = response.path("data.id");
                assertEquals(1, ids.size(), "a page's first record is always served, and only it");
                assertEquals(Integer.valueOf(1), response.path("total_count"));
                seen.addAll(ids);
                token = response.path("next_token");
                pages++;
            } while (token != null && pages < 40);
            assertEquals(30, seen.size());
            assertEquals(30, new HashSet<>(seen).size());
        } finally {
            memory.give(spend);
        }
        Response whole = reader.request().get("/wms/orders?limit=1000");
        whole.then().statusCode(200).body("total_count", is(30));
        assertEquals(null, (Object) whole.path("next_token"));
    }
}
