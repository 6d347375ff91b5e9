package dev.switchboard.wms.api;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.WmsTesting.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Keyset paging while the sync changes the records under the client: every record that exists for the whole walk
 * is listed exactly once, in record-id order; what the client sees of the rest is what docs/ARCHITECTURE.md says.
 * And the streamed page ({@link WmsReads.ListPage}): whole whatever it weighs, its database connection released when
 * the client goes away mid-body or the page is never written, refusals answered before it begins.
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
    WmsReads reads;
    @Inject
    WmsReadConfig config;

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

    /**
     * 1,001 orders of ~20 kB each (120 line items): a page of 1,000 is ~21 MB, past the 16 MiB a page held whole may
     * weigh, so it
     * arrives whole only because it is streamed.
     */
    private Reader heavyReader() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        Reader reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        for (int n = 0; n < HEAVY_ORDERS; n++) {
            ObjectNode document = WmsFixtures.document(WmsFunction.GET_ORDERS, n);
            ArrayNode lines = document.withArray("line_items");
            ObjectNode line = (ObjectNode) lines.get(0);
            for (int i = 1; i < LINES; i++) {
                lines.add(line.deepCopy().put("sku", WmsFixtures.sku(n) + "-" + i));
            }
            Instant stored = WmsFixtures.updated(n).plusSeconds(90);
            WmsTesting.insert(db, reader, WmsFunction.GET_ORDERS, WmsFixtures.id(WmsFunction.GET_ORDERS, n), document,
                    WmsFixtures.created(n), WmsFixtures.updated(n), stored.minusSeconds(30), stored);
        }
        return reader;
    }

    private static final int HEAVY_ORDERS = 1_001;
    private static final int LINES = 120;

    @Test
    void a_page_of_a_thousand_large_orders_arrives_whole_and_valid_and_the_next_token_follows_it() {
        Reader reader = heavyReader();
        // reader.request() validates the body against the reference OpenAPI (WmsContract).
        Response page = reader.request().get("/wms/orders?limit=1000").then().statusCode(200).extract().response();
        assertTrue(page.asByteArray().length > WmsReads.MAX_PAGE_BYTES, "bigger than a page held whole may be");
        List<String> ids = page.path("data.id");
        assertEquals(1000, ids.size());
        assertEquals(Integer.valueOf(1000), page.path("total_count"));
        assertEquals(LINES, ((List<?>) page.path("data[999].line_items")).size());
        assertEquals(ids.stream().sorted().toList(), ids);
        String token = page.path("next_token");
        Response rest = reader.request().queryParam("limit", 1000).queryParam("page_token", token).get("/wms/orders")
                .then().statusCode(200).extract().response();
        assertEquals(List.of(WmsFixtures.id(WmsFunction.GET_ORDERS, 1000)), rest.path("data.id"));
        assertNull(rest.path("next_token"));
        assertEquals(0, pagesHeld(), "every page's connection is back in the pool");
    }

    @Test
    void a_client_that_disconnects_mid_body_leaves_no_database_connection_checked_out() throws Exception {
        Reader reader = heavyReader();
        assertEquals(0, pagesHeld());
        try (Socket socket = new Socket()) {
            // A small receive window, set before connecting (so the kernel does not grow it): the page, ~10 MB or
            // more, cannot all fit in the socket buffers, so the server is still sending when the client stalls.
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", RestAssured.port));
            get(socket, reader, "/wms/orders?limit=1000");
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(64 * 1024);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, Math.min(200, text.length())));
            assertTrue(text.contains("{\"data\":[{"), "the page has begun");
            // The client reads no more: the server is blocked mid-page (its write queue full), holding the page's
            // connection in its transaction. This is what the test would see afterwards if the page leaked.
            assertEquals(1, awaitPagesHeld(1), "a page being sent holds its connection");
        }
        assertEquals(0, awaitPagesHeld(0), "the disconnect released the page's connection");
        // And the pool still serves.
        reader.request().get("/wms/orders?limit=1").then().statusCode(200).body("total_count", is(1));
    }

    @Test
    void a_client_that_stops_reading_is_cut_at_the_send_deadline_and_its_page_released() throws Exception {
        Reader reader = heavyReader();
        assertEquals(0, pagesHeld());
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024); // as above: the page cannot fit in the socket buffers
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", RestAssured.port));
            long requested = System.nanoTime(); // the deadline runs from the request's page, after this
            get(socket, reader, "/wms/orders?limit=1000");
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 200"), head.substring(0, Math.min(200, head.length())));
            assertEquals(1, awaitPagesHeld(1), "a page being sent holds its connection");
            // The client keeps its connection open and reads nothing: only the deadline (page-send-timeout, 5 s in
            // tests) gives the page's connection back.
            long deadline = config.pageSendTimeout().toNanos();
            long end = requested + deadline + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            // Released means none held three looks in a row: a page's backend is briefly active, not idle in its
            // transaction, while it fetches its next rows.
            int clear = 0;
            while (clear < 3 && System.nanoTime() < end) {
                clear = pagesHeld() == 0 ? clear + 1 : 0;
                Thread.sleep(100);
            }
            assertEquals(3, clear, "the deadline released the page's connection");
            assertTrue(System.nanoTime() - requested >= deadline,
                    "released by the deadline, not before it");
            socket.setSoTimeout(20_000);
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            try {
                in.transferTo(rest);
            } catch (IOException reset) {
                // a reset instead of a clean close: the same cut
            }
            // What the client gets of the rest: the bytes queued before the cut, then the end of the connection, and
            // never the page's end (its total_count), so the body does not parse as a page. (The chunked body's final
            // chunk does follow the cut: docs/ARCHITECTURE.md, the read path.)
            String received = rest.toString(StandardCharsets.ISO_8859_1);
            assertFalse(received.contains("\"total_count\":1000"), "the cut page never ends as a whole page would");
        }
        // And the pool still serves.
        reader.request().get("/wms/orders?limit=1").then().statusCode(200).body("total_count", is(1));
    }

    @Test
    void a_page_that_is_never_written_gives_its_connection_back_when_closed() throws Exception {
        Reader reader = reader(3);
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> query = limit(2);
        WmsReads.ListPage page = reads.list(reader.tenant(), reader.token(), ReadRoute.ORDERS, query, Map.of());
        assertTrue(page.untaken());
        assertEquals(1, pagesHeld(), "the page's statement ran and holds its cursor");
        page.close();
        assertEquals(0, pagesHeld());
        assertThrows(IOException.class, () -> page.write(new ByteArrayOutputStream()),
                "a released page is not written");
        page.close();
        assertEquals(0, pagesHeld());

        // Written once: the page, then released; a second write is refused.
        WmsReads.ListPage written = reads.list(reader.tenant(), reader.token(), ReadRoute.ORDERS, query, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        written.write(out);
        assertFalse(written.untaken());
        assertEquals(0, pagesHeld());
        String body = out.toString(StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"data\":[{\"trackstar_created_date\":"), body);
        assertTrue(body.endsWith(",\"total_count\":2}"), body);
        assertTrue(body.contains("\"next_token\":\""), body);
        assertThrows(IOException.class, () -> written.write(new ByteArrayOutputStream()));
    }

    @Test
    void at_most_max_concurrent_pages_hold_connections_and_the_next_waits_then_gets_a_503() throws Exception {
        Reader reader = reader(3);
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> query = limit(2);
        List<WmsReads.ListPage> held = new ArrayList<>();
        try {
            holdEverySlot(reader, query, held);
            assertEquals(config.maxConcurrentPages(), pagesHeld());
            // Over the HTTP API: the request waits for a slot (page-slot-wait, 1 s in tests), then 503.
            reader.request().get("/wms/orders?limit=1").then().statusCode(503).header("Retry-After", "1")
                    .body("code", is("SERVICE_UNAVAILABLE"));
            assertEquals(config.maxConcurrentPages(), pagesHeld(), "the refused request held no connection");
            // A slot given back serves the next request.
            held.remove(0).close();
            reader.request().get("/wms/orders?limit=1").then().statusCode(200).body("total_count", is(1));
        } finally {
            held.forEach(WmsReads.ListPage::close);
        }
        assertEquals(0, pagesHeld());
        reader.request().get("/wms/orders?limit=1").then().statusCode(200);
    }

    @Test
    void a_client_gone_before_its_page_began_gives_back_the_page_and_its_slot() throws Exception {
        Reader reader = reader(3);
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> query = limit(2);
        List<WmsReads.ListPage> held = new ArrayList<>();
        try {
            holdEverySlot(reader, query, held);
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                // The request waits for a slot (up to 1 s in tests) ...
                get(socket, reader, "/wms/orders?limit=2");
                Thread.sleep(200);
            } // ... and its client goes away before it gets one.
            Thread.sleep(100);
            held.remove(0).close(); // the waiting request takes this slot and prepares its page for nobody
            assertEquals(config.maxConcurrentPages() - 1, awaitPagesHeld(config.maxConcurrentPages() - 1),
                    "the page prepared for the gone client was released");
        } finally {
            held.forEach(WmsReads.ListPage::close);
        }
        assertEquals(0, awaitPagesHeld(0));
        // Every slot is back: as many pages as the cap can be held again.
        List<WmsReads.ListPage> again = new ArrayList<>();
        holdEverySlot(reader, query, again);
        again.forEach(WmsReads.ListPage::close);
    }

    @Test
    void refusals_before_the_page_keep_their_json_bodies_and_hold_no_connection() {
        Reader reader = reader(3);
        reader.request().get("/wms/orders?limit=0").then().statusCode(422).body("detail.query", hasKey("limit"));
        reader.request().get("/wms/orders?status[bogus]=x").then().statusCode(422);
        as(reader.apiKey()).header("x-trackstar-access-token", "sb_at_nope").get("/wms/orders").then()
                .statusCode(401).body("code", is("INVALID_ACCESS_TOKEN"));
        reader.request().get("/wms/warehouses/wh_none/locations").then().statusCode(404)
                .body("id", is("wh_none"));
        assertEquals(0, pagesHeld());
    }

    /** Backends in a page's transaction: idle in it, their last statement a read of wms_record. */
    private static jakarta.ws.rs.core.MultivaluedHashMap<String, String> limit(int limit) {
        jakarta.ws.rs.core.MultivaluedHashMap<String, String> query = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        query.add("limit", Integer.toString(limit));
        return query;
    }

    /** Opens as many pages as the instance streams at once ({@code held} keeps them, to be closed by the caller). */
    private void holdEverySlot(Reader reader, jakarta.ws.rs.core.MultivaluedHashMap<String, String> query,
            List<WmsReads.ListPage> held) {
        for (int i = 0; i < config.maxConcurrentPages(); i++) {
            held.add(reads.list(reader.tenant(), reader.token(), ReadRoute.ORDERS, query, Map.of()));
        }
    }

    /** Sends the reader's GET of {@code path} by hand on {@code socket}, so a test controls how the answer is read. */
    private static void get(Socket socket, Reader reader, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nx-trackstar-api-key: "
                + reader.apiKey() + "\r\nx-trackstar-access-token: " + reader.token() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private int pagesHeld() {
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where "
                        + "datname = current_database() and pid <> pg_backend_pid() and state = 'idle in transaction' "
                        + "and query like '%wms_record%'");
                java.sql.ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #pagesHeld} once it is {@code expected}, or what it is after 10 s: the server releases on its own
     * threads, after the client's side of the socket changed (no clock to move).
     */
    private int awaitPagesHeld(int expected) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int held = pagesHeld();
        while (held != expected && System.nanoTime() < end) {
            Thread.sleep(50);
            held = pagesHeld();
        }
        return held;
    }
}
