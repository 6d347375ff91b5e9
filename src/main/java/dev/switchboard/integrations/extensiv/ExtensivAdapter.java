package dev.switchboard.integrations.extensiv;

import static dev.switchboard.integrations.Mapping.additional;
import static dev.switchboard.integrations.Mapping.at;
import static dev.switchboard.integrations.Mapping.decimal;
import static dev.switchboard.integrations.Mapping.each;
import static dev.switchboard.integrations.Mapping.instant;
import static dev.switchboard.integrations.Mapping.latest;
import static dev.switchboard.integrations.Mapping.node;
import static dev.switchboard.integrations.Mapping.object;
import static dev.switchboard.integrations.Mapping.put;
import static dev.switchboard.integrations.Mapping.putDate;
import static dev.switchboard.integrations.Mapping.quantity;
import static dev.switchboard.integrations.Mapping.query;
import static dev.switchboard.integrations.Mapping.text;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.integrations.Mapping;
import dev.switchboard.integrations.http.IntegrationsConfig;
import dev.switchboard.integrations.http.PassthroughSupport;
import dev.switchboard.integrations.http.TokenRefresh;
import dev.switchboard.integrations.http.Vendor;
import dev.switchboard.integrations.http.VendorFailures;
import dev.switchboard.integrations.http.VendorHttp;
import dev.switchboard.integrations.http.VendorRequest;
import dev.switchboard.integrations.http.VendorResponse;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Page;
import dev.switchboard.wms.adapter.Passthrough;
import dev.switchboard.wms.adapter.SyncWindow;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.Write;

/**
 * Extensiv 3PL Warehouse Manager (3PL Central) REST API in its HAL dialect (docs/integrations/extensiv-3pl-central.md).
 * OAuth 2 client credentials: the client id and secret (HTTP Basic) and the acting user's login are traded at
 * {@code /AuthServer/api/Token} for an hour-long token, requested again five minutes before it expires, once across
 * instances ({@link TokenRefresh}); client credentials come with no refresh token. Collections page with
 * {@code pgsiz}/{@code pgnum} (the engine's cursor is the page number) and are filtered by RQL: the customer, and
 * {@code readOnly.lastModifiedDate=ge=} for incremental runs.
 */
@ApplicationScoped
public class ExtensivAdapter implements WmsAdapter {

    public static final String NAME = "extensiv-3pl-central";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String USER_LOGIN = "user_login";
    static final String TPL_KEY = "tpl_key";
    static final String CUSTOMER_ID = "customer_id";
    static final String ACCESS_TOKEN = "access_token";
    static final String EXPIRES_AT = "access_token_expires_at";
    static final String HAL = "application/hal+json";
    static final String RELS = "http://api.3plCentral.com/rels/";
    static final int PAGE = 100;
    static final int STOCK_PAGE = 500;
    private static final DateTimeFormatter RQL_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,12}");
    static final List<String> PASSTHROUGH_PREFIXES = List.of("/orders", "/inventory", "/customers", "/properties",
            "/jobs", "/master");

    @Inject
    VendorHttp http;
    @Inject
    IntegrationsConfig config;
    @Inject
    TokenRefresh tokens;
    @Inject
    Clock clock;

    @Override
    public String integrationName() {
        return NAME;
    }

    @Override
    public Set<WmsFunction> functions() {
        return EnumSet.of(WmsFunction.GET_ORDERS, WmsFunction.GET_INVENTORY, WmsFunction.GET_PRODUCTS,
                WmsFunction.GET_INBOUND_SHIPMENTS, WmsFunction.GET_RETURNS, WmsFunction.GET_WAREHOUSES,
                WmsFunction.GET_WAREHOUSE_CUSTOMERS, WmsFunction.GET_SHIPPING_METHODS);
    }

    Vendor vendor() {
        return new Vendor(NAME, "Extensiv", config.extensiv().baseUrl(), config.extensiv().requestsPerMinute(),
                Duration.ofMinutes(1));
    }

    // --- Credentials --------------------------------------------------------------------------------------------

    /** A token for the client and user, then the customer as that user sees it (which also checks the customer id). */
    @Override
    public void verifyCredentials(AdapterContext context) {
        JsonNode body = get(context, null, "/customers?" + query("pgsiz", 1, "pgnum", 1, "rql",
                "readOnly.customerId==" + customerId(context))).requireSuccess(null).json();
        if (body.path("totalResults").asInt(0) == 0 && embedded(body, "customers/customer").isEmpty()) {
            throw AdapterException.credentialsRejected("Extensiv accepted the client, but customer "
                    + customerId(context) + " is not visible to user " + context.credentials().get(USER_LOGIN) + ".");
        }
    }

    private String accessToken(AdapterContext context) {
        Map<String, String> credentials = context.credentials();
        String token = credentials.get(ACCESS_TOKEN);
        if (token != null && usable(credentials)) {
            return token;
        }
        return refresh(context, token).get(ACCESS_TOKEN);
    }

    private Map<String, String> refresh(AdapterContext context, String stale) {
        return tokens.refresh(context, ACCESS_TOKEN, stale, this::usable, this::requestToken);
    }

    private boolean usable(Map<String, String> credentials) {
        String expiresAt = credentials.get(EXPIRES_AT);
        return credentials.get(ACCESS_TOKEN) != null && expiresAt != null
                && clock.instant().plus(config.extensiv().refreshMargin()).isBefore(Instant.parse(expiresAt));
    }

    /** Client credentials: no refresh token exists, so a new token is requested with the client and user. */
    private Map<String, String> requestToken(Map<String, String> current) {
        String clientId = current.get(CLIENT_ID);
        String secret = current.get(CLIENT_SECRET);
        String login = current.get(USER_LOGIN);
        if (clientId == null || secret == null || login == null) {
            throw AdapterException.credentialsRejected("Extensiv needs the client id, client secret and user login.");
        }
        ObjectNode body = object().put("grant_type", "client_credentials").put("user_login", login);
        String tpl = current.get(TPL_KEY);
        if (tpl != null) {
            body.put("tpl", tpl.startsWith("{") ? tpl : "{" + tpl + "}");
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        VendorResponse response;
        try {
            response = http.send(new VendorHttp.Call(vendor(), clientId, null,
                    VendorRequest.post(vendor().url("/AuthServer/api/Token")).idempotent(true).json(body.toString())
                            .header("Authorization", "Basic " + basic)));
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.PERMISSION_MISSING
                    || e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED) {
                throw AdapterException.credentialsRejected("Extensiv refused the client id, secret or user login: "
                        + e.getMessage());
            }
            throw e;
        }
        if (response.status() >= 400 && response.status() < 500) {
            throw AdapterException.credentialsRejected("Extensiv refused the client id, secret or user login: "
                    + VendorFailures.reason(response));
        }
        JsonNode answer = response.requireSuccess(null).json();
        if (text(answer, ACCESS_TOKEN) == null) {
            throw AdapterException.transientFailure("Extensiv's token answer holds no access token.", null);
        }
        Map<String, String> merged = new LinkedHashMap<>(current);
        merged.put(ACCESS_TOKEN, text(answer, ACCESS_TOKEN));
        long expiresIn = answer.path("expires_in").asLong(3600);
        merged.put(EXPIRES_AT, clock.instant().plusSeconds(expiresIn).truncatedTo(ChronoUnit.SECONDS).toString());
        return merged;
    }

    private static String customerId(AdapterContext context) {
        String id = context.credentials().get(CUSTOMER_ID);
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            throw AdapterException.credentialsRejected("No Extensiv customer id is stored; reinstall.");
        }
        return id;
    }

    // --- Calls --------------------------------------------------------------------------------------------------

    /** A GET with the token; a 401 requests a new token once. */
    VendorResponse get(AdapterContext context, WmsFunction function, String path) {
        boolean carriers = path.startsWith("/properties/carriers");
        return call(context, function, () -> VendorRequest.get(vendor().url(path))
                .header("Accept", carriers ? "application/json" : HAL));
    }

    /**
     * A call with the connection's token, on its credential's budget; a 401 requests a new token and sends the call
     * once more (the vendor refused it before acting, so even a write is safe to repeat then). Only GETs are retried
     * after a timeout or a 5xx ({@link VendorRequest#idempotent()}); a write is sent once.
     */
    private VendorResponse call(AdapterContext context, WmsFunction function,
            java.util.function.Supplier<VendorRequest> request) {
        String token = accessToken(context);
        try {
            return http.send(new VendorHttp.Call(vendor(), context.credentials().get(CLIENT_ID), function,
                    request.get().header("Authorization", "Bearer " + token)));
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED && e.status() == 401) {
                String fresh = refresh(context, token).get(ACCESS_TOKEN);
                return http.send(new VendorHttp.Call(vendor(), context.credentials().get(CLIENT_ID), function,
                        request.get().header("Authorization", "Bearer " + fresh)));
            }
            throw e;
        }
    }

    /** Extensiv's resource services (not its token server), with the connection's token and HAL by default. */
    @Override
    public Passthrough.Response passthrough(AdapterContext context, Passthrough.Request request) {
        String token = accessToken(context);
        VendorRequest out = PassthroughSupport.request(vendor(), request, PASSTHROUGH_PREFIXES)
                .header("Authorization", "Bearer " + token);
        if (request.headers().keySet().stream().noneMatch("accept"::equalsIgnoreCase)) {
            out.header("Accept", HAL);
        }
        return PassthroughSupport.response(http.sendRaw(new VendorHttp.Call(vendor(),
                context.credentials().get(CLIENT_ID), null, out)));
    }

    // --- Writes -------------------------------------------------------------------------------------------------

    /**
     * The writes Extensiv's documentation shows (docs/integrations/extensiv-3pl-central.md): orders (create, update
     * with its line items, cancel), items (create, update) and receivers (create). Kits, order shipments, receiving,
     * returns and inventory
     * adjustments have no documented endpoint and answer 501.
     */
    @Override
    public Set<Action> writes() {
        return EnumSet.of(Action.CREATE_ORDER, Action.UPDATE_ORDER, Action.CANCEL_ORDER, Action.CREATE_PRODUCT,
                Action.UPDATE_PRODUCT, Action.CREATE_INBOUND_SHIPMENT);
    }

    /**
     * Creates are one POST. Updates and the cancel read the record first for its {@code ETag} and send it as
     * {@code If-Match}: Extensiv refuses a stale one with 412, which the API answers as Extensiv's refusal. The record
     * returned is Extensiv's answer through the read mapping, so it equals what a sync stores.
     */
    @Override
    public Write.Result write(AdapterContext context, Write.Request request) {
        String customer = customerId(context);
        ObjectNode body = request.body();
        String id = request.recordId();
        return switch (request.action()) {
            case CREATE_ORDER -> new Write.Result(WmsFunction.GET_ORDERS, order(created(context,
                    WmsFunction.GET_ORDERS, "/orders", ExtensivWrites.newOrder(body, customer))));
            case UPDATE_ORDER -> {
                Versioned current = versioned(context, WmsFunction.GET_ORDERS, orderPath(id), customer);
                ObjectNode fields = body.deepCopy();
                JsonNode lines = fields.remove("line_items");
                List<ExtensivWrites.ItemChange> items = lines == null
                        ? List.of()
                        : ExtensivWrites.itemChanges(embedded(current.body(), "orders/item"), lines);
                JsonNode record = current.body();
                if (!fields.isEmpty()) {
                    ObjectNode changed = current.body().deepCopy();
                    changed.remove("_links");
                    ExtensivWrites.applyOrder(changed, fields);
                    record = replaced(context, WmsFunction.GET_ORDERS, "/orders/" + id, current, changed,
                            orderPath(id));
                }
                for (ExtensivWrites.ItemChange item : items) {
                    changeItem(context, id, customer, item);
                }
                if (!items.isEmpty()) {
                    record = get(context, WmsFunction.GET_ORDERS, orderPath(id)).requireSuccess(WmsFunction.GET_ORDERS)
                            .json();
                }
                yield new Write.Result(WmsFunction.GET_ORDERS, order(record));
            }
            case CANCEL_ORDER -> {
                Versioned current = versioned(context, WmsFunction.GET_ORDERS, orderPath(id), customer);
                String reason = object().put("reason", CANCEL_REASON).toString();
                call(context, WmsFunction.GET_ORDERS, () -> VendorRequest.post(vendor().url("/orders/" + id
                        + "/canceler")).header("If-Match", current.etag()).header("Accept", HAL)
                        .header("Content-Type", HAL).json(reason)).requireSuccess(WmsFunction.GET_ORDERS);
                yield new Write.Result(WmsFunction.GET_ORDERS, order(get(context, WmsFunction.GET_ORDERS,
                        orderPath(id)).requireSuccess(WmsFunction.GET_ORDERS).json()));
            }
            case CREATE_PRODUCT -> {
                checkCustomer(body, customer);
                yield new Write.Result(WmsFunction.GET_PRODUCTS, product(created(context, WmsFunction.GET_PRODUCTS,
                        "/customers/" + customer + "/items", ExtensivWrites.newItem(body))));
            }
            case UPDATE_PRODUCT -> {
                checkCustomer(body, customer);
                String path = "/customers/" + customer + "/items/" + numericOr404(id, WmsFunction.GET_PRODUCTS);
                Versioned current = versioned(context, WmsFunction.GET_PRODUCTS, path, null);
                ObjectNode changed = current.body().deepCopy();
                changed.remove("_links");
                ExtensivWrites.applyItem(changed, body);
                yield new Write.Result(WmsFunction.GET_PRODUCTS, product(replaced(context, WmsFunction.GET_PRODUCTS,
                        path, current, changed, path)));
            }
            case CREATE_INBOUND_SHIPMENT -> {
                checkCustomer(body, customer);
                yield new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, receiver(created(context,
                        WmsFunction.GET_INBOUND_SHIPMENTS, "/inventory/receivers",
                        ExtensivWrites.newReceiver(body, customer)), false));
            }
            default -> WmsAdapter.super.write(context, request);
        };
    }

    /**
     * One item change of an order ({@code PUT} or {@code DELETE /orders/{id}/items/{orderItemId}}, as ExtensivSharp
     * calls them), with the order's current ETag as {@code If-Match}: each change makes a new one, so the order is read
     * again before each. Sent once; a refusal (412 for a concurrent change) stops the rest and keeps Extensiv's status.
     */
    private void changeItem(AdapterContext context, String orderId, String customer,
            ExtensivWrites.ItemChange item) {
        Versioned current = versioned(context, WmsFunction.GET_ORDERS, orderPath(orderId), customer);
        String path = "/orders/" + orderId + "/items/" + item.orderItemId();
        call(context, WmsFunction.GET_ORDERS, () -> {
            VendorRequest request = item.changed() == null
                    ? VendorRequest.of("DELETE", vendor().url(path)).idempotent(false)
                    : VendorRequest.put(vendor().url(path)).header("Content-Type", HAL)
                            .json(item.changed().toString());
            return request.header("If-Match", current.etag()).header("Accept", HAL).answersEmpty();
        }).requireSuccess(WmsFunction.GET_ORDERS);
    }

    static final String CANCEL_REASON = "Cancelled through the unified API";

    /** A record as Extensiv holds it, and the {@code ETag} a change of it must send as {@code If-Match}. */
    record Versioned(JsonNode body, String etag) {
    }

    private String orderPath(String id) {
        return "/orders/" + numericOr404(id, WmsFunction.GET_ORDERS) + "?" + query("detail", "All", "itemdetail",
                "All");
    }

    private static String numericOr404(String id, WmsFunction function) {
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Extensiv has no record " + id + ".", null,
                    function, 404, null);
        }
        return id;
    }

    /** A write's {@code warehouse_customer_id}, when given, is the connection's customer: one customer per login. */
    private static void checkCustomer(JsonNode body, String customer) {
        String given = text(body, "warehouse_customer_id");
        if (given != null && !given.equals(customer)) {
            throw ValidationProblem.of(ValidationProblem.JSON, "warehouse_customer_id", "This connection writes for "
                    + "Extensiv customer " + customer + " only.");
        }
    }

    /**
     * The record and its ETag; a record Extensiv does not have, or another customer's (when {@code customer} is
     * given), is a 404.
     */
    private Versioned versioned(AdapterContext context, WmsFunction function, String path, String customer) {
        VendorResponse response = get(context, function, path);
        if (response.status() == 404) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Extensiv has no such record.", null,
                    function, 404, null);
        }
        JsonNode body = response.requireSuccess(function).json();
        if (customer != null && !customer.equals(at(body, "readOnly/customerIdentifier/id"))) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Extensiv has no such record.", null,
                    function, 404, null);
        }
        String etag = response.header("ETag");
        if (etag == null) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Extensiv sent no ETag for " + path
                    + ", so it cannot be changed safely.", null, function, 502, null);
        }
        return new Versioned(body, etag);
    }

    /**
     * A POST of a new record, sent once (a timeout does not say whether Extensiv made it); its answer is the record.
     */
    private JsonNode created(AdapterContext context, WmsFunction function, String path, ObjectNode model) {
        VendorResponse response = call(context, function, () -> VendorRequest.post(vendor().url(path))
                .header("Accept", HAL).header("Content-Type", HAL).json(model.toString()))
                .requireSuccess(function);
        String location = response.header("Location");
        if (response.body().length == 0 && location != null) {
            return get(context, function, location.replaceFirst("^https?://[^/]+", "")).requireSuccess(function)
                    .json();
        }
        return response.json();
    }

    /** A PUT of the changed record with {@code If-Match}, sent once; its answer, or the record read again. */
    private JsonNode replaced(AdapterContext context, WmsFunction function, String path, Versioned current,
            ObjectNode changed, String readPath) {
        VendorResponse response = call(context, function, () -> VendorRequest.put(vendor().url(path))
                .header("If-Match", current.etag()).header("Accept", HAL).header("Content-Type", HAL)
                .json(changed.toString())).requireSuccess(function);
        if (response.body().length == 0) {
            return get(context, function, readPath).requireSuccess(function).json();
        }
        return response.json();
    }

    // --- Reads --------------------------------------------------------------------------------------------------

    @Override
    public Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor) {
        String customer = customerId(context);
        return switch (function) {
            case GET_ORDERS -> paged(context, function, cursor, PAGE, "orders/order", page -> "/orders?" + query(
                    "pgsiz", PAGE, "pgnum", page, "detail", "All", "itemdetail", "All",
                    "rql", rql("readOnly.customerIdentifier.id==" + customer, window),
                    "sort", "readOnly.lastModifiedDate"), this::order);
            case GET_PRODUCTS -> paged(context, function, cursor, PAGE, "customers/item",
                    page -> "/customers/" + customer + "/items?" + query("pgsiz", PAGE, "pgnum", page,
                            "rql", rql(null, window), "sort", "readOnly.lastModifiedDate"),
                    ExtensivAdapter::product);
            case GET_INBOUND_SHIPMENTS -> paged(context, function, cursor, PAGE, "inventory/receiver",
                    page -> "/inventory/receivers?" + query("pgsiz", PAGE, "pgnum", page, "detail", "All",
                            "itemdetail", "All", "receivertype", "Normal",
                            "rql", rql("readOnly.customerIdentifier.id==" + customer, window),
                            "sort", "readOnly.lastModifiedDate"),
                    r -> receiver(r, false));
            case GET_RETURNS -> paged(context, function, cursor, PAGE, "inventory/receiver",
                    page -> "/inventory/receivers?" + query("pgsiz", PAGE, "pgnum", page, "detail", "All",
                            "itemdetail", "All", "receivertype", "Return",
                            "rql", rql("readOnly.customerIdentifier.id==" + customer, window),
                            "sort", "readOnly.lastModifiedDate"),
                    r -> receiver(r, true));
            case GET_WAREHOUSE_CUSTOMERS -> paged(context, function, cursor, PAGE, "customers/customer",
                    page -> "/customers?" + query("pgsiz", PAGE, "pgnum", page), ExtensivAdapter::customer);
            case GET_WAREHOUSES -> {
                JsonNode body = get(context, function, "/customers?" + query("pgsiz", 1, "pgnum", 1, "rql",
                        "readOnly.customerId==" + customer)).requireSuccess(function).json();
                List<ObjectNode> records = new ArrayList<>();
                for (JsonNode c : embedded(body, "customers/customer")) {
                    each(c, "facilities").forEach(f -> records.add(facility(f)));
                }
                yield Page.last(records);
            }
            case GET_SHIPPING_METHODS -> {
                JsonNode body = get(context, function, "/properties/carriers").requireSuccess(function).json();
                List<ObjectNode> records = new ArrayList<>();
                each(body, "ResourceList").forEach(carrier -> each(carrier, "ShipmentServices")
                        .forEach(service -> records.add(shippingMethod(carrier, service))));
                yield Page.last(records);
            }
            case GET_INVENTORY -> stock(context, cursor);
            default -> throw new AdapterException(AdapterException.Kind.PERMANENT, "Extensiv has no " + function
                    + " endpoint Switchboard can read.", null, function, 0, null);
        };
    }

    @Override
    public Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id) {
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String customer = customerId(context);
        return switch (function) {
            case GET_ORDERS -> one(context, function, "/orders/" + id + "?" + query("detail", "All", "itemdetail",
                    "All")).filter(o -> customer.equals(at(o, "readOnly/customerIdentifier/id"))).map(this::order);
            case GET_PRODUCTS -> one(context, function, "/customers/" + customer + "/items/" + id)
                    .map(ExtensivAdapter::product);
            case GET_INBOUND_SHIPMENTS, GET_RETURNS -> one(context, function, "/inventory/receivers/" + id + "?"
                    + query("detail", "All", "itemdetail", "All"))
                    .filter(r -> customer.equals(at(r, "readOnly/customerIdentifier/id")))
                    .filter(r -> (r.at("/readOnly/receiverType")
                            .asInt(0) == 1) == (function == WmsFunction.GET_RETURNS))
                    .map(r -> receiver(r, function == WmsFunction.GET_RETURNS));
            default -> {
                String cursor = null;
                do {
                    Page page = fetchPage(context, function, null, cursor);
                    Optional<ObjectNode> found = page.records().stream()
                            .filter(r -> id.equals(r.path("id").asText())).findFirst();
                    if (found.isPresent()) {
                        yield found;
                    }
                    cursor = page.nextCursor();
                } while (cursor != null);
                yield Optional.empty();
            }
        };
    }

    private Optional<JsonNode> one(AdapterContext context, WmsFunction function, String path) {
        VendorResponse response = get(context, function, path);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(response.requireSuccess(function).json());
    }

    private Page paged(AdapterContext context, WmsFunction function, String cursor, int size, String rel,
            Function<Integer, String> path, Function<JsonNode, ObjectNode> map) {
        int page = pageNumber(cursor);
        JsonNode body = get(context, function, path.apply(page)).requireSuccess(function).json();
        List<JsonNode> items = embedded(body, rel);
        List<ObjectNode> records = new ArrayList<>();
        items.forEach(item -> records.add(map.apply(item)));
        int total = body.path("totalResults").asInt(-1);
        boolean more = !items.isEmpty() && (total >= 0
                ? (long) page * size < total
                : node(node(body, "_links"), "next") != null || items.size() >= size);
        return new Page(records, more ? String.valueOf(page + 1) : null, null);
    }

    /**
     * Stock summaries are one row per item, qualifier and facility, sorted by item: rows of one item are summed into
     * one inventory record. When a full page ends inside an item, that item's remaining rows are fetched at once and
     * the next page skips them (the cursor {@code <page>:<item id>}).
     */
    private Page stock(AdapterContext context, String cursor) {
        int page = pageNumber(cursor == null ? null : cursor.split(":", 2)[0]);
        String skip = cursor != null && cursor.contains(":") ? cursor.split(":", 2)[1] : null;
        JsonNode body = get(context, WmsFunction.GET_INVENTORY, "/inventory/stocksummaries?" + query("pgsiz",
                STOCK_PAGE, "pgnum", page, "sort", "itemIdentifier.id")).requireSuccess(WmsFunction.GET_INVENTORY)
                .json();
        List<JsonNode> rows = new ArrayList<>();
        each(body, "summaries").forEach(rows::add);
        int total = body.path("totalResults").asInt(0);
        boolean more = !rows.isEmpty() && (long) page * STOCK_PAGE < total;
        String carried = null;
        if (more) {
            carried = at(rows.get(rows.size() - 1), "itemIdentifier/id");
            JsonNode rest = get(context, WmsFunction.GET_INVENTORY, "/inventory/stocksummaries?" + query("pgsiz",
                    STOCK_PAGE, "pgnum", 1, "rql", "itemIdentifier.id==" + carried))
                    .requireSuccess(WmsFunction.GET_INVENTORY).json();
            String item = carried;
            rows.removeIf(row -> item.equals(at(row, "itemIdentifier/id")));
            each(rest, "summaries").forEach(rows::add);
        }
        Map<String, List<JsonNode>> byItem = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String item = at(row, "itemIdentifier/id");
            if (item != null && !item.equals(skip)) {
                byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(row);
            }
        }
        List<ObjectNode> records = new ArrayList<>();
        byItem.values().forEach(group -> records.add(inventory(group)));
        return new Page(records, more ? (page + 1) + ":" + carried : null, null);
    }

    /** The {@code _embedded} list of a HAL collection under its rel (or {@code item}), or the PascalCase list. */
    static List<JsonNode> embedded(JsonNode body, String rel) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode embedded = node(body, "_embedded");
        JsonNode list = embedded == null
                ? null
                : node(embedded, RELS + rel) != null ? node(embedded, RELS + rel) : node(embedded, "item");
        if (list == null) {
            list = node(body, "ResourceList");
        }
        if (list != null && list.isArray()) {
            list.forEach(items::add);
        }
        return items;
    }

    private String rql(String filter, SyncWindow window) {
        List<String> parts = new ArrayList<>();
        if (filter != null) {
            parts.add(filter);
        }
        if (window != null && window.since() != null) {
            parts.add("readOnly.lastModifiedDate=ge=" + RQL_DATE.format(LocalDateTime.ofInstant(window.since(),
                    ZoneOffset.UTC)));
        }
        return parts.isEmpty() ? null : String.join(";", parts);
    }

    private static int pageNumber(String cursor) {
        try {
            return cursor == null ? 1 : Math.max(1, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Not an Extensiv page cursor: " + cursor,
                    null, null, 0, e);
        }
    }

    // --- Mapping ------------------------------------------------------------------------------------------------

    static String orderStatusName(int status) {
        return switch (status) {
            case 0 -> "Open";
            case 1 -> "Closed";
            case 2 -> "Canceled";
            default -> String.valueOf(status);
        };
    }

    ObjectNode order(JsonNode o) {
        ObjectNode r = object();
        JsonNode ro = node(o, "readOnly");
        String id = text(ro, "orderId");
        r.put("id", id);
        r.put("warehouse_customer_id", at(ro, "customerIdentifier/id"));
        r.put("warehouse_id", at(ro, "facilityIdentifier/id"));
        putDate(r, "created_date", instant(text(ro, "creationDate")));
        putDate(r, "updated_date", latest(text(ro, "lastModifiedDate"), text(ro, "creationDate")));
        String reference = text(o, "referenceNum") != null ? text(o, "referenceNum") : id;
        r.put("reference_id", reference);
        r.put("order_number", text(o, "poNum") != null ? text(o, "poNum") : reference);
        JsonNode statusNode = node(ro, "status");
        int status = statusNode == null ? -1 : statusNode.asInt(-1);
        boolean closed = ro != null && ro.path("isClosed").asBoolean(false);
        String trackstar;
        if (status == 2) {
            trackstar = "cancelled";
        } else if (status == 1 || closed) {
            trackstar = "fulfilled";
        } else if (status == 0) {
            trackstar = text(ro, "packDoneDate") != null
                    ? "packed"
                    : text(ro, "pickDoneDate") != null ? "picked" : "open";
        } else {
            trackstar = "other";
        }
        r.put("status", trackstar);
        r.put("raw_status", statusNode == null ? null : orderStatusName(status));
        String channel = null;
        for (JsonNode saved : each(o, "savedElements")) {
            if ("Channel".equalsIgnoreCase(text(saved, "name"))) {
                channel = text(saved, "value");
            }
        }
        r.put("channel", channel);
        r.putNull("channel_object");
        r.putNull("type");
        r.putNull("trading_partner");
        JsonNode routing = node(o, "routingInfo");
        r.put("shipping_method", text(routing, "mode"));
        r.putNull("service_level");
        r.put("shipping_method_id", text(routing, "mode"));
        r.put("shipping_method_name", text(routing, "mode"));
        r.put("carrier_id", text(routing, "carrier"));
        r.put("carrier_name", text(routing, "carrier"));
        r.put("scac", text(routing, "scacCode"));
        String billing = text(o, "billingCode");
        r.set("is_third_party_freight", billing == null
                ? Mapping.NODES.nullNode()
                : Mapping.NODES.booleanNode("ThirdParty".equalsIgnoreCase(billing)));
        r.put("third_party_freight_account_number", "ThirdParty".equalsIgnoreCase(billing)
                ? text(routing, "account")
                : null);
        r.putNull("first_party_freight_account_number");
        r.put("invoice_currency_code", "USD");
        r.putNull("total_price");
        r.putNull("total_tax");
        r.putNull("total_discount");
        r.putNull("total_shipping");
        JsonNode shipTo = node(o, "shipTo");
        r.set("ship_to_address", Mapping.shipTo(text(shipTo, "name"), text(shipTo, "companyName"),
                text(shipTo, "address1"), text(shipTo, "address2"), text(shipTo, "city"), text(shipTo, "state"),
                text(shipTo, "zip"), text(shipTo, "country"), text(shipTo, "phoneNumber"),
                text(shipTo, "emailAddress")));
        ArrayNode lines = r.putArray("line_items");
        List<JsonNode> items = embedded(node(o, "_embedded") == null ? o : o, "orders/item");
        if (items.isEmpty()) {
            each(o, "orderItems").forEach(items::add);
        }
        boolean picked = text(ro, "pickDoneDate") != null || "fulfilled".equals(trackstar);
        Map<String, String> skuByOrderItem = new LinkedHashMap<>();
        for (JsonNode item : items) {
            ObjectNode line = lines.addObject();
            line.put("product_id", at(item, "itemIdentifier/id") != null
                    ? at(item, "itemIdentifier/id")
                    : String.valueOf(at(item, "itemIdentifier/sku")));
            line.put("sku", at(item, "itemIdentifier/sku"));
            line.put("quantity", quantity(item, "qty"));
            put(line, "unit_price", decimal(item, "fulfillInvSalePrice"));
            line.put("is_picked", picked);
            line.putNull("discount_amount");
            String orderItemId = at(item, "readOnly/orderItemId");
            if (orderItemId != null) {
                skuByOrderItem.put(orderItemId, at(item, "itemIdentifier/sku"));
            }
        }
        r.putArray("tags");
        r.put("required_ship_date", Mapping.date(text(o, "shipCancelDate")));
        r.putNull("saturday_delivery");
        r.set("signature_required", routing == null
                ? Mapping.NODES.nullNode()
                : Mapping.NODES.booleanNode(routing.path("requiresDeliveryConf").asBoolean(false)));
        r.putNull("international_duty_paid_by");
        ArrayNode shipments = r.putArray("shipments");
        JsonNode packages = node(ro, "packages");
        if ((status == 1 || closed) || (packages != null && packages.size() > 0)) {
            ObjectNode s = shipments.addObject();
            s.put("shipment_id", id);
            s.put("warehouse_id", at(ro, "facilityIdentifier/id") == null ? "" : at(ro, "facilityIdentifier/id"));
            s.put("raw_status", statusNode == null ? null : orderStatusName(status));
            s.put("status", status == 2 ? "cancelled" : (status == 1 || closed) ? "shipped" : "open");
            s.put("shipped_date", Mapping.date(text(ro, "processDate")));
            s.put("shipping_method", text(routing, "mode"));
            ArrayNode shipmentLines = s.putArray("line_items");
            s.set("ship_to_address", r.get("ship_to_address").deepCopy());
            s.set("ship_from_address", Mapping.emptyShipFrom());
            ArrayNode out = s.putArray("packages");
            each(ro, "packages").forEach(p -> {
                ObjectNode pk = out.addObject();
                pk.put("package_id", text(p, "packageId"));
                pk.put("package_name", text(p, "description"));
                pk.put("tracking_number", text(p, "trackingNumber"));
                pk.putNull("tracking_url");
                pk.put("shipping_method", text(routing, "mode"));
                pk.put("carrier", text(routing, "carrier"));
                pk.put("shipping_method_id", text(routing, "mode"));
                pk.put("shipping_method_name", text(routing, "mode"));
                pk.put("carrier_id", text(routing, "carrier"));
                pk.put("carrier_name", text(routing, "carrier"));
                pk.put("scac", text(routing, "scacCode"));
                pk.putNull("shipping_cost");
                pk.set("measurements", Mapping.measurements(decimal(p, "length"), decimal(p, "width"),
                        decimal(p, "height"), "in", decimal(p, "weight"), "lb"));
                ArrayNode contents = pk.putArray("line_items");
                each(p, "packageContents").forEach(c -> {
                    ObjectNode line = contents.addObject();
                    line.put("inventory_item_id", text(c, "receiveItemId") != null
                            ? text(c, "receiveItemId")
                            : String.valueOf(text(c, "orderItemId")));
                    line.put("sku", skuByOrderItem.get(text(c, "orderItemId")));
                    line.put("quantity", quantity(c, "qty"));
                    line.put("lot_id", text(c, "lotNumber"));
                    line.put("expiration_date", Mapping.date(text(c, "expirationDate")));
                    line.putNull("parent_product_id");
                    ObjectNode shipmentLine = shipmentLines.addObject();
                    shipmentLine.put("inventory_item_id", line.get("inventory_item_id").asText());
                    shipmentLine.set("sku", line.get("sku"));
                    shipmentLine.put("quantity", quantity(c, "qty"));
                    shipmentLine.putNull("parent_product_id");
                });
            });
        }
        r.putNull("external_system_url");
        ObjectNode additional = additional(o, "referenceNum", "poNum", "externalId", "billingCode", "notes",
                "shippingNotes", "savedElements", "billing");
        additional.set("read_only", ro == null ? Mapping.NODES.nullNode() : ro.deepCopy());
        r.set("additional_fields", additional);
        return r;
    }

    static ObjectNode product(JsonNode item) {
        ObjectNode r = object();
        JsonNode ro = node(item, "readOnly");
        String id = text(item, "itemId") != null ? text(item, "itemId") : text(ro, "itemId");
        r.put("id", id);
        r.put("warehouse_customer_id", at(ro, "customerIdentifier/id"));
        putDate(r, "created_date", instant(text(ro, "creationDate")));
        putDate(r, "updated_date", latest(text(ro, "lastModifiedDate"), text(ro, "creationDate")));
        r.put("name", text(item, "description") != null
                ? text(item, "description")
                : String.valueOf(text(item, "sku")));
        r.put("sku", text(item, "sku"));
        r.put("gtin", text(item, "upc"));
        put(r, "unit_price", decimal(item, "price"));
        ArrayNode items = r.putArray("inventory_items");
        ObjectNode own = items.addObject();
        own.put("inventory_item_id", id);
        own.put("sku", text(item, "sku"));
        own.put("unit_quantity", 1);
        r.put("is_kit", node(item, "kit") != null);
        r.put("active", ro == null || !ro.path("deactivated").asBoolean(false));
        r.putNull("supplier");
        r.putNull("supplier_object");
        r.put("country_of_origin", text(item, "countryOfManufacture"));
        r.put("harmonized_code", text(item, "harmonizedCode"));
        r.putArray("supplier_products");
        r.putNull("external_system_url");
        r.set("additional_fields", additional(item, "description2", "inventoryCategory", "classificationIdentifier",
                "cost", "nmfc", "options", "kit"));
        return r;
    }

    static ObjectNode inventory(List<JsonNode> rows) {
        JsonNode first = rows.get(0);
        ObjectNode r = object();
        String id = at(first, "itemIdentifier/id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        r.put("name", String.valueOf(at(first, "itemIdentifier/sku")));
        r.put("sku", at(first, "itemIdentifier/sku"));
        r.putNull("unit_cost");
        r.put("active", true);
        int onhand = 0;
        int available = 0;
        int onHold = 0;
        ObjectNode byWarehouse = object();
        for (JsonNode row : rows) {
            int on = quantity(row, "onHand");
            int avail = quantity(row, "available");
            int hold = quantity(row, "onHold");
            onhand += on;
            available += avail;
            onHold += hold;
            String facility = text(row, "facilityId");
            if (facility != null) {
                ObjectNode w = byWarehouse.has(facility)
                        ? (ObjectNode) byWarehouse.get(facility)
                        : byWarehouse.putObject(facility);
                w.put("onhand", w.path("onhand").asInt(0) + on);
                w.put("fulfillable", w.path("fulfillable").asInt(0) + avail);
                w.put("sellable", w.path("sellable").asInt(0) + avail);
                w.put("unfulfillable", w.path("unfulfillable").asInt(0) + hold);
                w.put("unsellable", w.path("unsellable").asInt(0) + hold);
                w.put("committed", Math.max(0, w.path("onhand").asInt() - w.path("fulfillable").asInt()
                        - w.path("unfulfillable").asInt()));
                w.putNull("awaiting");
            }
        }
        r.put("awaiting", 0);
        r.put("onhand", onhand);
        r.put("committed", Math.max(0, onhand - available - onHold));
        r.put("unfulfillable", onHold);
        r.put("fulfillable", available);
        r.put("unsellable", onHold);
        r.put("sellable", available);
        r.putArray("substitute_skus");
        r.set("inventory_by_warehouse_id", byWarehouse);
        r.putArray("lots");
        r.set("measurements", Mapping.emptyMeasurements());
        r.putArray("locations");
        r.putNull("external_system_url");
        ObjectNode additional = object();
        ArrayNode summaries = additional.putArray("stock_summaries");
        rows.forEach(row -> summaries.add(row.deepCopy()));
        r.set("additional_fields", additional);
        return r;
    }

    ObjectNode receiver(JsonNode rec, boolean isReturn) {
        ObjectNode r = object();
        JsonNode ro = node(rec, "readOnly");
        r.put("id", text(ro, "receiverId"));
        r.put("warehouse_customer_id", at(ro, "customerIdentifier/id"));
        putDate(r, "created_date", instant(text(ro, "creationDate")));
        putDate(r, "updated_date", latest(text(ro, "lastModifiedDate"), text(ro, "creationDate")));
        JsonNode statusNode = node(ro, "status");
        int status = statusNode == null ? -1 : statusNode.asInt(-1);
        String trackstar = switch (status) {
            case 0 -> text(rec, "arrivalDate") != null ? "receiving" : "open";
            case 1 -> "received";
            case 2 -> "cancelled";
            default -> "other";
        };
        r.put("status", trackstar);
        r.put("raw_status", statusNode == null ? null : switch (status) {
            case 0 -> "Open";
            case 1 -> "Complete";
            case 2 -> "Canceled";
            default -> String.valueOf(status);
        });
        String warehouse = at(ro, "facilityIdentifier/id");
        List<JsonNode> items = embedded(rec, "inventory/receiveitem");
        if (items.isEmpty()) {
            each(rec, "receiveItems").forEach(items::add);
        }
        ArrayNode notes;
        if (isReturn) {
            r.putNull("order_id");
            notes = r.putArray("notes");
            ArrayNode lines = r.putArray("line_items");
            ArrayNode shipmentLines = Mapping.array();
            for (JsonNode item : items) {
                int expected = quantity(node(item, "readOnly"), "expectedQty");
                int received = quantity(item, "qty");
                ObjectNode line = lines.addObject();
                line.put("inventory_item_id", String.valueOf(at(item, "itemIdentifier/id")));
                line.put("sku", at(item, "itemIdentifier/sku"));
                line.put("expected_quantity", expected == 0 ? received : expected);
                line.put("received_quantity", received);
                line.putNull("restocked_quantity");
                line.putNull("return_reason");
                line.put("quantity", received);
                line.put("warehouse_id", warehouse);
                line.put("returned_date", Mapping.date(text(rec, "arrivalDate")));
                ObjectNode shipmentLine = shipmentLines.addObject();
                shipmentLine.put("inventory_item_id", String.valueOf(at(item, "itemIdentifier/id")));
                shipmentLine.put("sku", at(item, "itemIdentifier/sku"));
                shipmentLine.put("quantity", received);
                shipmentLine.putArray("receiving_details");
            }
            ArrayNode shipments = r.putArray("shipments");
            ObjectNode s = shipments.addObject();
            s.put("tracking_number", text(rec, "trackingNumber"));
            s.putNull("shipped_date");
            s.put("arrived_date", Mapping.date(text(rec, "arrivalDate")));
            s.put("warehouse_id", warehouse);
            s.put("carrier", text(rec, "carrier"));
            s.putNull("carrier_id");
            s.put("carrier_name", text(rec, "carrier"));
            s.putNull("scac");
            s.putNull("shipping_cost");
            s.set("measurements", Mapping.emptyMeasurements());
            s.set("line_items", shipmentLines);
        } else {
            r.put("purchase_order_number", text(rec, "poNum"));
            r.putNull("supplier");
            r.putNull("supplier_object");
            r.put("expected_arrival_date", Mapping.date(text(rec, "expectedDate")));
            r.put("warehouse_id", warehouse);
            ArrayNode lines = r.putArray("line_items");
            ArrayNode receiptLines = Mapping.array();
            for (JsonNode item : items) {
                int expected = quantity(node(item, "readOnly"), "expectedQty");
                int received = quantity(item, "qty");
                ObjectNode line = lines.addObject();
                line.put("inventory_item_id", String.valueOf(at(item, "itemIdentifier/id")));
                line.put("sku", at(item, "itemIdentifier/sku"));
                line.put("expected_quantity", expected == 0 ? received : expected);
                line.put("received_quantity", status == 0 && text(rec, "arrivalDate") == null ? 0 : received);
                line.putNull("unit_cost");
                line.put("external_id", at(item, "readOnly/receiveItemId"));
                ObjectNode receiptLine = receiptLines.addObject();
                receiptLine.put("inventory_item_id", String.valueOf(at(item, "itemIdentifier/id")));
                receiptLine.put("sku", at(item, "itemIdentifier/sku"));
                receiptLine.put("quantity", received);
            }
            ArrayNode receipts = r.putArray("receipts");
            if (text(rec, "arrivalDate") != null && receiptLines.size() > 0) {
                ObjectNode receipt = receipts.addObject();
                receipt.put("id", text(ro, "receiverId"));
                receipt.put("arrived_date", Mapping.date(text(rec, "arrivalDate")));
                receipt.set("line_items", receiptLines);
            }
            r.set("ship_from_address", Mapping.emptyShipFrom());
            ArrayNode tracking = r.putArray("tracking_numbers");
            if (text(rec, "trackingNumber") != null) {
                tracking.add(text(rec, "trackingNumber"));
            }
            notes = r.putArray("notes");
        }
        if (text(rec, "notes") != null) {
            notes.add(text(rec, "notes"));
        }
        r.putNull("external_system_url");
        ObjectNode additional = additional(rec, "referenceNum", "externalId", "receiptAdviceNumber", "carrier",
                "billOfLading", "trailerNumber", "sealNumber", "doorNumber", "savedElements");
        additional.put("receiver_type", ro == null ? null : text(ro, "receiverType"));
        r.set("additional_fields", additional);
        return r;
    }

    static ObjectNode customer(JsonNode c) {
        ObjectNode r = object();
        JsonNode ro = node(c, "readOnly");
        r.put("id", text(ro, "customerId"));
        putDate(r, "created_date", instant(text(ro, "creationDate")));
        putDate(r, "updated_date", instant(text(ro, "creationDate")));
        String name = at(c, "companyInfo/companyName");
        r.put("name", name != null ? name : String.valueOf(text(ro, "customerId")));
        String email = at(c, "primaryContact/emailAddress") != null
                ? at(c, "primaryContact/emailAddress")
                : at(c, "companyInfo/emailAddress");
        r.put("email", email);
        r.set("additional_fields", additional(c, "externalId", "webSite", "facilities", "primaryFacilityIdentifier"));
        return r;
    }

    static ObjectNode facility(JsonNode f) {
        ObjectNode r = object();
        r.put("id", text(f, "id"));
        r.put("name", text(f, "name") != null ? text(f, "name") : String.valueOf(text(f, "id")));
        r.putNull("code");
        r.set("address", Mapping.emptyShipFrom());
        r.set("additional_fields", object());
        return r;
    }

    static ObjectNode shippingMethod(JsonNode carrier, JsonNode service) {
        ObjectNode r = object();
        String carrierCode = text(carrier, "CarrierCode") != null
                ? text(carrier, "CarrierCode")
                : text(carrier, "Name");
        r.put("id", carrierCode + ":" + text(service, "Code"));
        r.put("name", text(service, "Description") != null
                ? text(service, "Description")
                : String.valueOf(text(service, "Code")));
        r.put("carrier", text(carrier, "Name"));
        r.put("carrier_id", carrierCode);
        r.put("carrier_name", text(carrier, "DisplayName") != null
                ? text(carrier, "DisplayName")
                : text(carrier, "Name"));
        r.put("scac", text(carrier, "ScacCode"));
        ObjectNode additional = additional(service, "Code", "ShipEngineId", "Deactivated");
        additional.put("carrier_active", carrier.path("Active").asBoolean(true));
        r.set("additional_fields", additional);
        return r;
    }
}
