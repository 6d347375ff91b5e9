package dev.switchboard.wms.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.ReadFilters.Field;
import dev.switchboard.wms.api.WmsTesting.Reader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every filter and operator of every list route, against an oracle: the test computes from the seeded documents, in
 * Java, which records each filter should return, and compares with what the service returns. Then every way a
 * parameter can be wrong, each a 422 at {@code query.<parameter>}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WmsReadFilterTest {

    private static final int COUNT = 24;

    @Inject
    ConnectionService connections;
    @Inject
    Catalog catalog;
    @Inject
    DataSource db;
    @Inject
    ReadFilters filters;

    private Reader reader;

    @BeforeEach
    void seed() {
        if (reader != null) {
            return;
        }
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        reader = WmsTesting.connect(connections, catalog, tenant, org.testKey(), "shiphero", List.of(), null);
        WmsTesting.grant(db, reader.connectionId(), Action.GET_LABOR_ACTIVITIES);
        // ShipHero has no shipping-methods query (issue 13), but these tests read every route.
        WmsTesting.grant(db, reader.connectionId(), Action.GET_SHIPPING_METHODS);
        for (WmsFunction function : WmsFunction.values()) {
            WmsTesting.seed(db, reader, function, COUNT);
        }
    }

    /** The value of {@code field} in record n as the service compares it: text, or an Instant for column dates. */
    private static Object value(WmsFunction function, int n, String field) {
        switch (field) {
            case "created_date" :
                return WmsFixtures.created(n);
            case "updated_date" :
                return WmsFixtures.updated(n);
            case "trackstar_created_date" :
                return WmsFixtures.updated(n).plusSeconds(60);
            case "trackstar_updated_date" :
                return WmsFixtures.updated(n).plusSeconds(90);
            default :
                JsonNode v = WmsFixtures.document(function, n).get(field);
                return v == null || v.isNull() ? null : v.asText();
        }
    }

    private static String wire(Object value) {
        return value instanceof Instant i ? i.toString() : (String) value;
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Which records a filter should return. */
    private static Predicate<Object> oracle(String op, Object x) {
        return v -> switch (op) {
            case "eq" -> Objects.equals(v, x);
            case "neq" -> !Objects.equals(v, x);
            case "gt" -> v != null && compare(v, x) > 0;
            case "gte" -> v != null && compare(v, x) >= 0;
            case "lt" -> v != null && compare(v, x) < 0;
            case "lte" -> v != null && compare(v, x) <= 0;
            case "in" -> v != null && ((List<?>) x).contains(v);
            case "nin" -> v == null || !((List<?>) x).contains(v);
            case "contains" -> v != null && ((String) v).contains((String) x);
            case "not_contains" -> v == null || !((String) v).contains((String) x);
            case "eq-insensitive" -> v != null && ((String) v).equalsIgnoreCase((String) x);
            case "in-insensitive" ->
                v != null && ((List<?>) x).stream().anyMatch(s -> ((String) s).equalsIgnoreCase((String) v));
            case "contains-insensitive" ->
                v != null && ((String) v).toLowerCase(Locale.ROOT).contains(((String) x).toLowerCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static boolean absent(WmsFunction function, String field) {
        return !field.contains("date") && !WmsFixtures.document(function, 0).has(field);
    }

    private static List<Integer> nonNull(WmsFunction function, List<Integer> records, String field) {
        return records.stream().filter(n -> value(function, n, field) != null).toList();
    }

    @Test
    void every_filter_and_operator_of_every_list_returns_exactly_the_matching_records() {
        int cases = 0;
        int selective = 0;
        List<String> failures = new ArrayList<>();
        for (ReadRoute route : ReadRoute.lists()) {
            WmsFunction function = route.function();
            String url = route.path().replace("{warehouse_id}", "wh_1");
            List<Integer> records = IntStream.range(0, COUNT)
                    .filter(n -> route != ReadRoute.WAREHOUSE_LOCATIONS || WmsFixtures.warehouse(n).equals("wh_1"))
                    .boxed().toList();
            for (Field field : filters.fields(route).values()) {
                if (field.type() == ReadFilters.FieldType.TAGS) {
                    continue; // trackstar_tags are Switchboard's, set by PUT .../trackstar-tags: WmsWriteResourceTest
                }
                List<Integer> withValue = nonNull(function, records, field.name());
                Object one;
                Object other;
                if (absent(function, field.name())) {
                    // Declared by the contract, but not a field of the route's schema (warehouse_customer_id of the
                    // ledger and of labor activities): no record has it, so eq matches none and neq all.
                    one = "wc_1";
                    other = "wc_2";
                } else {
                    assertTrue(withValue.size() >= 2, route + " " + field.name() + " has values to filter on");
                    one = value(function, withValue.get(1), field.name());
                    other = value(function, withValue.get(withValue.size() - 2), field.name());
                }
                for (String operator : field.operators()) {
                    String op = operator.isEmpty() ? "eq" : operator;
                    String parameter = operator.isEmpty() ? field.name() : field.name() + "[" + operator + "]";
                    Object x;
                    String raw;
                    if (op.startsWith("in") || op.equals("nin")) {
                        List<Object> values = List.of(one, other);
                        raw = values.stream().map(WmsReadFilterTest::wire).collect(Collectors.joining(","));
                        x = values;
                        if (op.equals("in-insensitive")) {
                            raw = raw.toUpperCase(Locale.ROOT);
                        }
                    } else if (op.startsWith("contains") || op.equals("not_contains")) {
                        String text = wire(one);
                        raw = field.allowed() != null || text.length() < 3
                                ? text
                                : text.substring(1, text.length() - 1);
                        if (op.equals("contains-insensitive")) {
                            raw = raw.toUpperCase(Locale.ROOT);
                        }
                        x = raw;
                    } else {
                        raw = wire(one);
                        x = one;
                        if (op.equals("eq-insensitive")) {
                            raw = raw.toUpperCase(Locale.ROOT);
                            x = raw;
                        }
                    }
                    Predicate<Object> matches = oracle(op, x);
                    List<String> expected = records.stream().filter(n -> matches.test(value(function, n, field.name())))
                            .map(n -> WmsFixtures.id(function, n)).sorted().toList();
                    Response response = reader.request().queryParam(parameter, raw).queryParam("limit", 1000).get(url);
                    cases++;
                    if (!expected.isEmpty() && expected.size() < records.size()) {
                        selective++;
                    }
                    if (response.statusCode() != 200) {
                        failures.add(url + "?" + parameter + "=" + raw + ": " + response.statusCode() + " "
                                + response.asString());
                        continue;
                    }
                    List<String> ids = response.path("data.id");
                    if (!expected.equals(ids)) {
                        failures.add(url + "?" + parameter + "=" + raw + ": expected " + expected + ", got " + ids);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(cases > 300, "cases: " + cases);
        assertTrue(selective * 2 > cases, "most filters select a proper, non-empty subset: " + selective + "/" + cases);
    }

    @Test
    void ids_in_ignores_every_other_filter_and_other_ids() {
        reader.request().get("/wms/orders?ids[in]=ord_00003,ord_00001,nope&status=fulfilled&order_number[eq]=x")
                .then().statusCode(200).body("data.id", contains("ord_00001", "ord_00003")).body("total_count", is(2));
    }

    @Test
    void a_bad_parameter_is_a_422_at_its_name() {
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "v" + i).collect(Collectors.joining(","));
        String hundred = IntStream.range(0, 100).mapToObj(i -> "v" + i).collect(Collectors.joining(","));
        Map<String, String> bad = Map.ofEntries(
                Map.entry("colour", "red"),
                Map.entry("sku", "SKU-0001"), // declared for products, not orders
                Map.entry("status[gt]", "open"),
                Map.entry("status[like]", "open"),
                Map.entry("status", "shipped"),
                Map.entry("created_date[gte]", "2026-09-01"),
                Map.entry("updated_date", "2026-09-01T08:00:00+02:00"),
                Map.entry("trackstar_updated_date[lt]", "2026-02-30T00:00:00Z"),
                Map.entry("required_ship_date[lte]", "yesterday"),
                Map.entry("order_number[in]", hundredAndOne),
                Map.entry("reference_id[in-insensitive]", ""),
                Map.entry("order_number", "x".repeat(256)),
                Map.entry("channel[contains]", "a\u0000b"),
                Map.entry("limit", "0"),
                Map.entry("ids[in]", hundredAndOne),
                Map.entry("page_token", "not base64 !"),
                Map.entry("trackstar_created_date[contains]", "2026"),
                Map.entry("warehouse_customer_id[eq-insensitive]", "wc_1"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            reader.request().queryParam(e.getKey(), e.getValue()).get("/wms/orders").then().statusCode(422)
                    .body("error", is("Validation error"))
                    .body("detail.query", hasKey(e.getKey()))
                    .body("detail", not(hasKey("json")));
        }
        reader.request().queryParam("limit", "1001").get("/wms/products").then().statusCode(422)
                .body("detail.query.limit[0]", is("Must be between 1 and 1000."));
        reader.request().queryParam("limit", "ten").get("/wms/products").then().statusCode(422)
                .body("detail.query.limit[0]", is("Not a valid integer."));
        reader.request().queryParam("active", "yes").get("/wms/inventory").then().statusCode(422)
                .body("detail.query.active[0]", is("Not a valid boolean: use true or false."));
        reader.request().queryParam("event_type", "theft").get("/wms/inventory/ledger").then().statusCode(422)
                .body("detail.query.event_type[0]", org.hamcrest.Matchers.startsWith("Must be one of: adjustment"));
        reader.request().queryParam("activity_type[eq]", "pick").get("/wms/labor-activities").then().statusCode(422)
                .body("detail.query.'activity_type[eq]'[0]", org.hamcrest.Matchers.startsWith("Unknown operator"));
        reader.request().get("/wms/orders?status=open&status=picked").then().statusCode(422)
                .body("detail.query.status[0]", is("Give this parameter once."));
        // Several bad parameters: one 422 naming each.
        reader.request().get("/wms/orders?colour=red&created_date[gt]=soon&limit=-1").then().statusCode(422)
                .body("detail.query.keySet()",
                        org.hamcrest.Matchers.containsInAnyOrder("colour", "created_date[gt]", "limit"));
        // The bounds themselves are fine.
        reader.request().queryParam("order_number[in]", hundred).get("/wms/orders").then().statusCode(200);
        reader.request().queryParam("order_number", "x".repeat(255)).get("/wms/orders").then().statusCode(200);
        // A path id that could never be stored is a 422 too, not a 500.
        reader.request().get("/wms/orders/" + "o".repeat(256)).then().statusCode(422)
                .body("detail.path.order_id[0]", is("Longer than maximum length 255."));
        // NUL in a path: never a 500 (the router itself may already refuse it).
        reader.request().urlEncodingEnabled(false).get("/wms/orders/a%00b").then()
                .statusCode(org.hamcrest.Matchers.anyOf(is(404), is(422)));
    }

    @Test
    void the_trackstar_dates_filter_every_list() {
        Instant cut = WmsFixtures.updated(10).plusSeconds(90);
        for (ReadRoute route : ReadRoute.lists()) {
            String url = route.path().replace("{warehouse_id}", "wh_1");
            List<String> expected = IntStream.range(0, COUNT)
                    .filter(n -> route != ReadRoute.WAREHOUSE_LOCATIONS || WmsFixtures.warehouse(n).equals("wh_1"))
                    .filter(n -> !WmsFixtures.updated(n).plusSeconds(90).isBefore(cut))
                    .mapToObj(n -> WmsFixtures.id(route.function(), n)).sorted().toList();
            List<String> ids = reader.request().queryParam("trackstar_updated_date[gte]", cut.toString()).get(url)
                    .then().statusCode(200).extract().path("data.id");
            assertEquals(expected, ids, url);
        }
    }

    /**
     * A range on an indexed date is read in two steps (RecordSql.Shape): the bounded walk, then, when it found less
     * than a page, every match sorted. Each shape must give exactly the ordered statement's rows, on every page.
     */
    @Test
    void every_shape_of_a_date_range_read_returns_the_same_pages() throws Exception {
        Instant cut = WmsFixtures.updated(12);
        List<Map<String, String>> cases = List.of(Map.of("updated_date[lte]", cut.toString()),
                Map.of("updated_date[gt]", cut.toString(), "status", "fulfilled"),
                Map.of("created_date[gte]", WmsFixtures.created(20).toString()),
                Map.of("required_ship_date[lte]", "2099-01-01T00:00:00Z", "order_number[contains]", "10"));
        int compared = 0;
        for (Map<String, String> parameters : cases) {
            for (int limit : List.of(1, 3, 1000)) {
                String after = null;
                do {
                    jakarta.ws.rs.core.MultivaluedHashMap<String, String> query = new jakarta.ws.rs.core.MultivaluedHashMap<>();
                    parameters.forEach(query::add);
                    query.add("limit", String.valueOf(limit));
                    ReadQuery parsed = filters.parse(ReadRoute.ORDERS, query, Map.of());
                    parsed = new ReadQuery(parsed.conditions(), parsed.ids(), limit, after, parsed.fingerprint());
                    assertTrue(RecordSql.rangeFirst(WmsFunction.GET_ORDERS, parsed), parameters.toString());
                    List<String> ordered = ids(RecordSql.page(reader.tenant(), reader.connectionId(),
                            WmsFunction.GET_ORDERS, parsed, List.of(), RecordSql.Shape.ORDERED));
                    for (RecordSql.Shape shape : List.of(RecordSql.Shape.BOUNDED_WALK, RecordSql.Shape.MATCHES_FIRST)) {
                        // 24 orders: the walk reads them all, so it finds the same page.
                        assertEquals(ordered, ids(RecordSql.page(reader.tenant(), reader.connectionId(),
                                WmsFunction.GET_ORDERS, parsed, List.of(), shape)),
                                shape + " " + parameters + " " + after);
                        compared++;
                    }
                    after = ordered.size() > limit ? ordered.get(limit - 1) : null;
                } while (after != null);
            }
        }
        assertTrue(compared > 40, "compared: " + compared);
        // And through the API, paging two at a time, against the oracle.
        List<String> expected = IntStream.range(0, COUNT).filter(n -> !WmsFixtures.updated(n).isAfter(cut))
                .mapToObj(n -> WmsFixtures.id(WmsFunction.GET_ORDERS, n)).sorted().toList();
        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            var request = reader.request().queryParam("updated_date[lte]", cut.toString()).queryParam("limit", 2);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            Response page = request.get("/wms/orders").then().statusCode(200).extract().response();
            paged.addAll(page.path("data.id"));
            token = page.path("next_token");
        } while (token != null);
        assertTrue(expected.size() > 4 && expected.size() < COUNT, "a selective range: " + expected);
        assertEquals(expected, paged);
    }

    private List<String> ids(RecordSql.Statement statement) throws Exception {
        List<String> ids = new ArrayList<>();
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement s = WmsReads.prepare(c, statement)) {
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** contains is a like pattern underneath: the value's own wildcards and backslashes match only themselves. */
    @Test
    void contains_matches_wildcards_literally() {
        for (String parameter : List.of("order_number[contains]", "reference_id[contains-insensitive]")) {
            for (String value : List.of("%", "_", "\\", "1%", "%-")) {
                reader.request().queryParam(parameter, value).get("/wms/orders").then().statusCode(200)
                        .body("total_count", is(0));
            }
        }
        reader.request().queryParam("reference_id[contains-insensitive]", "shop-0000").get("/wms/orders").then()
                .statusCode(200).body("data.reference_id", contains("Shop-00000", "Shop-00002", "Shop-00004",
                        "Shop-00006", "Shop-00008"));
        reader.request().queryParam("order_number[contains]", "#101").get("/wms/orders").then().statusCode(200)
                .body("data.order_number", contains("#1010", "#1011", "#1012", "#1013", "#1014", "#1015", "#1016",
                        "#1017", "#1018", "#1019"));
    }

}
