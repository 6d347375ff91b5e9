package dev.switchboard.integrations.shipbob;

import static dev.switchboard.integrations.Mapping.additional;
import static dev.switchboard.integrations.Mapping.array;
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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.integrations.Mapping;
import dev.switchboard.integrations.Mapping.StatusMap;
import dev.switchboard.integrations.http.IntegrationsConfig;
import dev.switchboard.integrations.http.PassthroughSupport;
import dev.switchboard.integrations.http.Vendor;
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
 * ShipBob's Developer API, version 2026-01 (docs/integrations/shipbob.md). A personal access token as a bearer token.
 * Three paging styles, by endpoint: page numbers with {@code Page-*}/{@code Next-Page} headers over a bare array
 * (orders, WROs, shipping methods), a {@code next} link in the body (products, inventory), a page number named
 * {@code Cursor} (returns), and an opaque token (invoices). Cursors handed to the engine are the page number, the
 * {@code next} link, or the token.
 */
@ApplicationScoped
public class ShipBobAdapter implements WmsAdapter {

    public static final String NAME = "shipbob";
    static final String API = "/2026-01";
    static final String TOKEN = "personal_access_token";
    static final int ORDER_PAGE = 250;
    static final int PAGE = 250;
    static final int INVOICE_PAGE = 100;
    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,19}");
    static final List<String> PASSTHROUGH_PREFIXES = List.of("/2026-01", "/2025-07", "/1.0", "/2.0",
            "/experimental");

    static final StatusMap ORDER_STATUS = new StatusMap()
            .put("processing", "Processing")
            .put("exception", "Exception")
            .put("partially_fulfilled", "PartiallyFulfilled")
            .put("fulfilled", "Fulfilled")
            .put("cancelled", "Cancelled")
            .put("open", "ImportReview");
    static final StatusMap SHIPMENT_STATUS = new StatusMap()
            .put("open", "None", "Processing", "OnHold", "Exception", "LabeledCreated", "ImportReview")
            .put("shipped", "Completed")
            .put("cancelled", "Cancelled");
    static final StatusMap WRO_STATUS = new StatusMap()
            .put("open", "Awaiting")
            .put("in-transit", "InternalTransfer")
            .put("receiving", "Processing", "Arrived", "PartiallyArrived", "PartiallyArrivedAtHub", "ArrivedAtHub",
                    "ProcessingAtHub")
            .put("received", "Completed")
            .put("cancelled", "Cancelled");
    static final StatusMap RETURN_STATUS = new StatusMap()
            .put("open", "AwaitingArrival")
            .put("receiving", "Arrived", "Processing")
            .put("received", "Completed")
            .put("cancelled", "Cancelled");

    @Inject
    VendorHttp http;
    @Inject
    IntegrationsConfig config;
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
                WmsFunction.GET_SHIPPING_METHODS, WmsFunction.GET_BILLS);
    }

    Vendor vendor() {
        return new Vendor(NAME, "ShipBob", config.shipbob().baseUrl(), config.shipbob().requestsPerMinute(),
                Duration.ofMinutes(1));
    }

    /** One cheap authenticated call: the token's channels, one of them. */
    @Override
    public void verifyCredentials(AdapterContext context) {
        get(context, null, API + "/channel?" + query("RecordsPerPage", 1)).requireSuccess(null);
    }

    @Override
    public Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor) {
        return switch (function) {
            case GET_ORDERS -> orders(context, window, cursor);
            case GET_PRODUCTS -> linked(context, function, cursor, API + "/product?" + query("PageSize", PAGE,
                    "LastUpdatedTimestamp", since(window)), this::products);
            case GET_INVENTORY -> linked(context, function, cursor,
                    API + "/inventory-level/locations?" + query("PageSize", PAGE), this::inventory);
            case GET_INBOUND_SHIPMENTS -> receiving(context, window, cursor);
            case GET_RETURNS -> returns(context, window, cursor);
            case GET_WAREHOUSES -> Page.last(mapAll(get(context, function, API + "/location?"
                    + query("IncludeInactive", true)).requireSuccess(function).json(), ShipBobAdapter::warehouse));
            case GET_SHIPPING_METHODS -> shippingMethods(context, cursor);
            case GET_BILLS -> invoices(context, window, cursor);
            default -> throw unsupported(function);
        };
    }

    @Override
    public Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id) {
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return switch (function) {
            case GET_ORDERS -> one(context, function, API + "/order/" + id).map(this::order);
            case GET_INBOUND_SHIPMENTS -> one(context, function, API + "/receiving/" + id).map(this::wro);
            case GET_RETURNS -> one(context, function, API + "/return/" + id).map(this::returnRecord);
            case GET_PRODUCTS -> {
                JsonNode body = get(context, function, API + "/product?" + query("VariantId", id))
                        .requireSuccess(function).json();
                yield products(body).stream().filter(p -> id.equals(p.path("id").asText())).findFirst();
            }
            case GET_INVENTORY -> {
                JsonNode body = get(context, function, API + "/inventory-level/locations?"
                        + query("InventoryIds", id)).requireSuccess(function).json();
                yield inventory(body).stream().filter(i -> id.equals(i.path("id").asText())).findFirst();
            }
            case GET_WAREHOUSES -> fetchPage(context, function, null, null).records().stream()
                    .filter(w -> id.equals(w.path("id").asText())).findFirst();
            case GET_SHIPPING_METHODS -> findInPages(context, function, id);
            default -> throw unsupported(function);
        };
    }

    /** Any path under ShipBob's dated API versions, with the token and (for writes) the channel injected. */
    @Override
    public Passthrough.Response passthrough(AdapterContext context, Passthrough.Request request) {
        String token = token(context);
        VendorRequest out = PassthroughSupport.request(vendor(), request, PASSTHROUGH_PREFIXES)
                .header("Authorization", "Bearer " + token);
        String channel = context.credentials().get("channel_id");
        if (channel != null && request.headers().keySet().stream().noneMatch("shipbob_channel_id"::equalsIgnoreCase)) {
            out.header("shipbob_channel_id", channel);
        }
        return PassthroughSupport.response(http.sendRaw(new VendorHttp.Call(vendor(), token, null, out)));
    }

    // --- Writes -------------------------------------------------------------------------------------------------

    /**
     * The writes ShipBob's 2026-01 API can do as Trackstar defines them (docs/integrations/shipbob.md, "Writes"):
     * orders (create with the {@code shipbob_channel_id} header, cancel), products and kits (a bundle product),
     * warehouse receiving orders (create, cancel) and return orders (create with the channel header, cancel). ShipBob
     * has no whole-order update (only shipment-level address, line-item and service changes), no order shipment a
     * merchant creates (ShipBob ships), no inventory adjustment and no receiving a merchant confirms, so those are not
     * here and not in the catalog.
     */
    @Override
    public Set<Action> writes() {
        return EnumSet.of(Action.CREATE_ORDER, Action.CANCEL_ORDER, Action.CREATE_PRODUCT, Action.UPDATE_PRODUCT,
                Action.CREATE_KIT, Action.CREATE_INBOUND_SHIPMENT, Action.UPDATE_INBOUND_SHIPMENT,
                Action.CREATE_RETURN, Action.UPDATE_RETURN);
    }

    @Override
    public Write.Result write(AdapterContext context, Write.Request request) {
        ObjectNode body = request.body();
        return switch (request.action()) {
            case CREATE_ORDER -> {
                JsonNode created = post(context, API + "/order", createOrder(body), "orders_write")
                        .requireSuccess(null).json();
                yield new Write.Result(WmsFunction.GET_ORDERS, order(created));
            }
            case CANCEL_ORDER -> {
                String id = existing(request.recordId(), "order");
                JsonNode cancelled = found(post(context, API + "/order/" + id + ":cancel", null, null), "order", id)
                        .json();
                // The cancel answers a partial order; the record is read back whole.
                ObjectNode order = fetchOne(context, WmsFunction.GET_ORDERS, id)
                        .orElseGet(() -> order(cancelled.path("order")));
                yield new Write.Result(WmsFunction.GET_ORDERS, order);
            }
            case CREATE_PRODUCT -> new Write.Result(WmsFunction.GET_PRODUCTS, createdVariant(post(context,
                    API + "/product", ShipBobWrites.newProduct(body, null), "products_write"), text(body, "sku")));
            case CREATE_KIT -> {
                ArrayNode bundle = array();
                JsonNode items = body.path("inventory_items");
                for (int i = 0; i < items.size(); i++) {
                    String field = "inventory_items." + i + ".sku";
                    JsonNode variant = variantBySku(context, text(items.get(i), "sku"), field);
                    bundle.add(ShipBobWrites.bundleItem(variant.path("id").asLong(),
                            items.get(i).path("unit_quantity").asInt()));
                }
                yield new Write.Result(WmsFunction.GET_PRODUCTS, createdVariant(post(context, API + "/product",
                        ShipBobWrites.newProduct(body, bundle), "products_write"), text(body, "sku")));
            }
            case UPDATE_PRODUCT -> {
                String id = existing(request.recordId(), "product variant");
                JsonNode product = productOfVariant(context, id);
                VendorResponse response = send(context, "PATCH", API + "/product/" + text(product, "id"),
                        ShipBobWrites.variantChange(product.path("id").asLong(), Long.parseLong(id), body),
                        "products_write", false);
                found(response, "product variant", id);
                ObjectNode record = fetchOne(context, WmsFunction.GET_PRODUCTS, id).orElseThrow(() -> missing(
                        "product variant", id));
                yield new Write.Result(WmsFunction.GET_PRODUCTS, record);
            }
            case CREATE_INBOUND_SHIPMENT -> {
                ObjectNode wro = ShipBobWrites.newReceivingOrder(body, (sku, field) -> variantBySku(context, sku,
                        field).path("inventory").path("inventory_id").asLong());
                yield new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, wro(post(context, API + "/receiving", wro,
                        null).requireSuccess(null).json()));
            }
            case UPDATE_INBOUND_SHIPMENT -> {
                // The variant's one field is status: cancelled (the enum says so); ShipBob's only WRO change.
                String id = existing(request.recordId(), "receiving order");
                JsonNode cancelled = found(post(context, API + "/receiving/" + id + ":cancel", null, null),
                        "receiving order", id).json();
                yield new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, fetchOne(context,
                        WmsFunction.GET_INBOUND_SHIPMENTS, id).orElseGet(() -> wro(cancelled)));
            }
            case CREATE_RETURN -> {
                Long shipment = text(body, "order_id") == null
                        ? null
                        : shipmentOf(context, text(body, "order_id"), body.path("line_items"));
                JsonNode created = post(context, API + "/return", ShipBobWrites.newReturn(body, shipment),
                        "returns_write").requireSuccess(null).json();
                // The create answers without SKUs and dates; the return is read back whole.
                String id = text(created, "id");
                yield new Write.Result(WmsFunction.GET_RETURNS, (id == null
                        ? Optional.<ObjectNode>empty()
                        : fetchOne(context, WmsFunction.GET_RETURNS, id)).orElseGet(() -> returnRecord(created)));
            }
            case UPDATE_RETURN -> {
                // As for WROs: status: cancelled is the one change ShipBob's API offers through Trackstar's body.
                String id = existing(request.recordId(), "return");
                // ShipBob documents a bare 200 for this cancel.
                found(send(context, "POST", API + "/return/" + id + ":cancel", null, null, true), "return", id);
                yield new Write.Result(WmsFunction.GET_RETURNS, fetchOne(context, WmsFunction.GET_RETURNS, id)
                        .orElseThrow(() -> missing("return", id)));
            }
            default -> WmsAdapter.super.write(context, request);
        };
    }

    /** A record id ShipBob could have (an integer); any other is a record it does not have. */
    private static String existing(String id, String what) {
        if (!ShipBobWrites.isNumericId(id)) {
            throw missing(what, id);
        }
        return id;
    }

    private static AdapterException missing(String what, String id) {
        return new AdapterException(AdapterException.Kind.PERMANENT, "ShipBob has no " + what + " " + id + ".", null,
                null, 404, null);
    }

    /** A 404 is the record ShipBob does not have; other refusals keep ShipBob's status and reason. */
    private static VendorResponse found(VendorResponse response, String what, String id) {
        if (response.status() == 404) {
            throw missing(what, id);
        }
        return response.requireSuccess(null);
    }

    /** The variant a product create made (ShipBob answers the product with its variants), by its SKU. */
    private ObjectNode createdVariant(VendorResponse response, String sku) {
        JsonNode product = response.requireSuccess(null).json();
        ObjectNode page = object();
        page.putArray("items").add(product);
        List<ObjectNode> variants = products(page);
        return variants.stream().filter(v -> sku != null && sku.equals(v.path("sku").asText())).findFirst()
                .orElseGet(() -> {
                    if (variants.isEmpty()) {
                        throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipBob answered the new "
                                + "product without a variant.", null, WmsFunction.GET_PRODUCTS, 502, null);
                    }
                    return variants.get(0);
                });
    }

    /** ShipBob's product holding a variant ({@code GET /product?VariantId=}), or the contract's 404. */
    private JsonNode productOfVariant(AdapterContext context, String variantId) {
        JsonNode page = get(context, WmsFunction.GET_PRODUCTS, API + "/product?" + query("VariantId", variantId))
                .requireSuccess(WmsFunction.GET_PRODUCTS).json();
        for (JsonNode product : each(page, "items")) {
            for (JsonNode variant : each(product, "variants")) {
                if (variantId.equals(text(variant, "id"))) {
                    return product;
                }
            }
        }
        throw missing("product variant", variantId);
    }

    /** The variant with this SKU ({@code GET /product?SKU=}); none is a 422 at {@code field}. */
    private JsonNode variantBySku(AdapterContext context, String sku, String field) {
        JsonNode page = get(context, WmsFunction.GET_PRODUCTS, API + "/product?" + query("SKU", sku))
                .requireSuccess(WmsFunction.GET_PRODUCTS).json();
        for (JsonNode product : each(page, "items")) {
            for (JsonNode variant : each(product, "variants")) {
                if (sku.equals(text(variant, "sku"))) {
                    return variant;
                }
            }
        }
        throw ValidationProblem.of(ValidationProblem.JSON, field, "ShipBob has no product with this SKU.");
    }

    /**
     * The shipment of {@code orderId} a return comes from: ShipBob's return names a shipment, Trackstar's an order.
     * The order's only shipment, or else the one that holds every returned inventory item; none is a 422.
     */
    private Long shipmentOf(AdapterContext context, String orderId, JsonNode lines) {
        if (!ShipBobWrites.isNumericId(orderId)) {
            throw ValidationProblem.of(ValidationProblem.JSON, "order_id", "Not a ShipBob order id (a number).");
        }
        VendorResponse response = get(context, WmsFunction.GET_ORDERS, API + "/order/" + orderId);
        if (response.status() == 404) {
            throw ValidationProblem.of(ValidationProblem.JSON, "order_id", "ShipBob has no such order.");
        }
        JsonNode shipments = response.requireSuccess(WmsFunction.GET_ORDERS).json().path("shipments");
        if (shipments.size() == 1) {
            return shipments.get(0).path("id").asLong();
        }
        for (JsonNode shipment : shipments) {
            java.util.Set<String> held = new java.util.HashSet<>();
            each(shipment, "products").forEach(p -> each(p, "inventory_items").forEach(i -> held.add(text(i, "id"))));
            boolean all = true;
            for (JsonNode line : lines) {
                all &= held.contains(text(line, "inventory_item_id"));
            }
            if (all) {
                return shipment.path("id").asLong();
            }
        }
        throw ValidationProblem.of(ValidationProblem.JSON, "order_id", "No shipment of this ShipBob order holds "
                + "every returned inventory item; return them per shipment.");
    }

    /** Trackstar's CreateOrder (ShipBob variant) as ShipBob's order request (products by ShipBob id). */
    static ObjectNode createOrder(ObjectNode body) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("reference_id", body.path("reference_id").asText());
        if (body.has("order_number")) {
            out.put("order_number", body.get("order_number").asText());
        }
        out.put("type", "DTC");
        String method = body.path("shipping_method_name").asText(body.path("shipping_method")
                .asText(body.path("shipping_method_id").asText("Standard")));
        out.put("shipping_method", method);
        JsonNode to = body.path("ship_to_address");
        ObjectNode recipient = out.putObject("recipient");
        recipient.put("name", to.path("full_name").asText());
        ObjectNode address = recipient.putObject("address");
        address.put("address1", to.path("address1").asText());
        if (to.has("company")) {
            address.put("company_name", to.get("company").asText());
        }
        address.put("city", to.path("city").asText());
        address.put("state", to.path("state").asText());
        address.put("country", to.path("country").asText());
        address.put("zip_code", to.path("postal_code").asText());
        ArrayNode products = out.putArray("products");
        for (JsonNode line : body.path("line_items")) {
            ObjectNode product = products.addObject();
            String id = line.path("product_id").asText();
            if (NUMERIC_ID.matcher(id).matches()) {
                product.put("id", Long.parseLong(id));
            } else {
                product.put("reference_id", id);
                product.put("name", id);
            }
            product.put("quantity", line.path("quantity").asLong());
        }
        if (body.has("warehouse_id") && NUMERIC_ID.matcher(body.get("warehouse_id").asText()).matches()) {
            out.put("location_id", Long.parseLong(body.get("warehouse_id").asText()));
        }
        return out;
    }

    /** A POST, sent once; with the channel header when {@code scope} names the write scope ShipBob wants. */
    private VendorResponse post(AdapterContext context, String path, ObjectNode body, String scope) {
        return send(context, "POST", path, body, scope, false);
    }

    /**
     * A write call: not retried (ShipBob rejects a duplicate reference_id, but a cancel or a create must not be
     * sent twice blindly), with the {@code shipbob_channel_id} header where ShipBob wants it: the channel whose scopes
     * include {@code scope} ({@code orders_write}, {@code products_write}, {@code returns_write}), or none when null.
     */
    private VendorResponse send(AdapterContext context, String method, String path, ObjectNode body, String scope,
            boolean answersEmpty) {
        String token = token(context);
        VendorRequest request = VendorRequest.of(method, vendor().url(path)).idempotent(false)
                .header("Authorization", "Bearer " + token);
        if (scope != null) {
            request.header("shipbob_channel_id", channel(context, scope));
        }
        if (body != null) {
            request.json(body.toString());
        }
        if (answersEmpty) {
            request.answersEmpty();
        }
        return http.send(new VendorHttp.Call(vendor(), token, null, request));
    }

    /**
     * The channel writes are attributed to: the connection's {@code channel_id}, else the token's first channel
     * whose scopes include {@code scope} (ShipBob's quickstart: the channel with {@code _write} access).
     */
    private String channel(AdapterContext context, String scope) {
        String configured = context.credentials().get("channel_id");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        JsonNode channels = get(context, null, API + "/channel").requireSuccess(null).json();
        JsonNode items = channels.has("items") ? channels.get("items") : channels;
        for (JsonNode ch : items) {
            for (JsonNode granted : ch.path("scopes")) {
                if (granted.asText().equals(scope)) {
                    return ch.path("id").asText();
                }
            }
        }
        throw new AdapterException(AdapterException.Kind.PERMANENT, "No ShipBob channel of this token may write "
                + "this (no " + scope + " scope); set the connection's Channel ID.", null, null, 403, null);
    }

    // --- Paging -------------------------------------------------------------------------------------------------

    private Page orders(AdapterContext context, SyncWindow window, String cursor) {
        int page = pageNumber(cursor);
        VendorResponse response = get(context, WmsFunction.GET_ORDERS, API + "/order?" + query("Page", page,
                "Limit", ORDER_PAGE, "LastUpdateStartDate", since(window), "LastUpdateEndDate", until(window)))
                .requireSuccess(WmsFunction.GET_ORDERS);
        List<ObjectNode> records = mapAll(response.json(), this::order);
        return new Page(records, nextByHeaders(response, page, records.size(), ORDER_PAGE), null);
    }

    private Page receiving(AdapterContext context, SyncWindow window, String cursor) {
        int page = pageNumber(cursor);
        VendorResponse response = get(context, WmsFunction.GET_INBOUND_SHIPMENTS, API + "/receiving?" + query("Page",
                page, "Limit", PAGE, "InsertStartDate", lookbackStart(window)))
                .requireSuccess(WmsFunction.GET_INBOUND_SHIPMENTS);
        JsonNode body = response.json();
        List<ObjectNode> records = changedSince(mapAll(body, this::wro), window);
        return new Page(records, nextByHeaders(response, page, body.size(), PAGE), null);
    }

    private Page returns(AdapterContext context, SyncWindow window, String cursor) {
        int page = pageNumber(cursor);
        JsonNode body = get(context, WmsFunction.GET_RETURNS, API + "/return?" + query("Cursor", page, "Limit", PAGE,
                "StartDate", lookbackStart(window), "SortOrder", "Asc"))
                .requireSuccess(WmsFunction.GET_RETURNS).json();
        JsonNode items = body.path("items");
        List<ObjectNode> records = changedSince(mapAll(items, this::returnRecord), window);
        boolean more = items.size() > 0 && node(body, "next") != null;
        return new Page(records, more ? String.valueOf(page + 1) : null, null);
    }

    private Page shippingMethods(AdapterContext context, String cursor) {
        int page = pageNumber(cursor);
        VendorResponse response = get(context, WmsFunction.GET_SHIPPING_METHODS, API + "/shipping-method?"
                + query("Page", page, "Limit", PAGE)).requireSuccess(WmsFunction.GET_SHIPPING_METHODS);
        List<ObjectNode> records = mapAll(response.json(), ShipBobAdapter::shippingMethod);
        return new Page(records, nextByHeaders(response, page, records.size(), PAGE), null);
    }

    private Page invoices(AdapterContext context, SyncWindow window, String cursor) {
        Instant until = window == null || window.until() == null ? clock.instant() : window.until();
        Instant since = window == null || window.since() == null ? until.minus(Duration.ofDays(365)) : window.since();
        String url = cursor == null
                ? API + "/invoices?" + query("FromDate", Mapping.date(since), "ToDate", Mapping.date(until),
                        "PageSize", INVOICE_PAGE, "SortOrder", "Ascending")
                : API + "/invoices?" + query("Cursor", cursor, "PageSize", INVOICE_PAGE);
        JsonNode body = get(context, WmsFunction.GET_BILLS, url).requireSuccess(WmsFunction.GET_BILLS).json();
        JsonNode items = body.path("items");
        List<ObjectNode> records = mapAll(items, ShipBobAdapter::bill);
        String next = text(body, "next");
        return new Page(records, items.size() > 0 ? next : null, null);
    }

    /** Follows the body's {@code next} link (products, inventory); the first page is {@code first}. */
    private Page linked(AdapterContext context, WmsFunction function, String cursor, String first,
            java.util.function.Function<JsonNode, List<ObjectNode>> mapper) {
        String path = cursor == null ? first : confine(cursor);
        JsonNode body = get(context, function, path).requireSuccess(function).json();
        List<ObjectNode> records = mapper.apply(body);
        String next = text(body, "next");
        return new Page(records, body.path("items").size() > 0 ? next : null, null);
    }

    private Optional<ObjectNode> findInPages(AdapterContext context, WmsFunction function, String id) {
        String cursor = null;
        do {
            Page page = fetchPage(context, function, null, cursor);
            Optional<ObjectNode> found = page.records().stream().filter(r -> id.equals(r.path("id").asText()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    /**
     * The next page number from ShipBob's headers: {@code Next-Page} when sent, else {@code Total-Pages}; without
     * either, a full page means there may be another.
     */
    static String nextByHeaders(VendorResponse response, int page, int size, int limit) {
        if (size == 0) {
            return null;
        }
        if (response.header("Next-Page") != null) {
            return String.valueOf(page + 1);
        }
        String totalPages = response.header("Total-Pages");
        if (totalPages != null) {
            try {
                return page < Integer.parseInt(totalPages.trim()) ? String.valueOf(page + 1) : null;
            } catch (NumberFormatException ignored) {
                // fall through to the size rule
            }
        }
        if (response.header("Page-Number") != null) {
            return null;
        }
        return size >= limit ? String.valueOf(page + 1) : null;
    }

    /** A {@code next} link stays on ShipBob's API: a path, or an absolute URL under the base URL. */
    private String confine(String next) {
        String base = vendor().baseUrl();
        if (next.startsWith(base + "/")) {
            next = next.substring(base.length());
        }
        if (!next.startsWith(API + "/") || next.contains("..") || next.contains("@")) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipBob's next-page link is not on its API: "
                    + next, null, null, 0, null);
        }
        return next;
    }

    private static int pageNumber(String cursor) {
        try {
            return cursor == null ? 1 : Math.max(1, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "Not a ShipBob page cursor: " + cursor, null,
                    null, 0, e);
        }
    }

    private static String since(SyncWindow window) {
        return window == null || window.since() == null ? null : Mapping.date(window.since());
    }

    private static String until(SyncWindow window) {
        return window == null || window.until() == null ? null : Mapping.date(window.until());
    }

    /** WROs and returns are filtered by creation only: ask for those created in the look-back, keep the changed. */
    private String lookbackStart(SyncWindow window) {
        return window == null || window.since() == null
                ? null
                : Mapping.date(window.since().minus(config.shipbob().lookback()));
    }

    private static List<ObjectNode> changedSince(List<ObjectNode> records, SyncWindow window) {
        if (window == null || window.since() == null) {
            return records;
        }
        return records.stream().filter(r -> {
            Instant updated = instant(r.path("updated_date").asText(null));
            return updated == null || !updated.isBefore(window.since());
        }).toList();
    }

    // --- Calls --------------------------------------------------------------------------------------------------

    private VendorResponse get(AdapterContext context, WmsFunction function, String path) {
        String token = token(context);
        return http.send(new VendorHttp.Call(vendor(), token, function, VendorRequest.get(vendor().url(path))
                .header("Authorization", "Bearer " + token)));
    }

    private Optional<JsonNode> one(AdapterContext context, WmsFunction function, String path) {
        VendorResponse response = get(context, function, path);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(response.requireSuccess(function).json());
    }

    private static String token(AdapterContext context) {
        String token = context.credentials().get(TOKEN);
        if (token == null || token.isBlank()) {
            throw AdapterException.credentialsRejected("No ShipBob personal access token is stored; reinstall.");
        }
        return token;
    }

    private static List<ObjectNode> mapAll(JsonNode array, java.util.function.Function<JsonNode, ObjectNode> map) {
        List<ObjectNode> records = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> records.add(map.apply(item)));
        }
        return records;
    }

    private static AdapterException unsupported(WmsFunction function) {
        return new AdapterException(AdapterException.Kind.PERMANENT, "ShipBob has no " + function + " endpoint.",
                null, function, 0, null);
    }

    // --- Mapping ------------------------------------------------------------------------------------------------

    ObjectNode order(JsonNode o) {
        ObjectNode r = object();
        String id = text(o, "id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        JsonNode shipments = node(o, "shipments");
        String firstLocation = shipments != null && shipments.size() > 0 ? at(shipments.get(0), "location/id") : null;
        r.put("warehouse_id", firstLocation);
        Instant created = instant(text(o, "created_date"));
        List<String> updates = new ArrayList<>();
        updates.add(text(o, "created_date"));
        each(o, "shipments").forEach(s -> updates.add(text(s, "last_update_at")));
        putDate(r, "created_date", created);
        putDate(r, "updated_date", latest(updates.toArray(String[]::new)));
        String reference = text(o, "reference_id") != null ? text(o, "reference_id") : id;
        r.put("reference_id", reference);
        r.put("order_number", text(o, "order_number") != null ? text(o, "order_number") : reference);
        String status = text(o, "status");
        r.put("status", ORDER_STATUS.map(status));
        r.put("raw_status", status);
        r.put("channel", at(o, "channel/name"));
        if (node(o, "channel") != null && at(o, "channel/id") != null) {
            ObjectNode channel = r.putObject("channel_object");
            channel.put("channel_id", at(o, "channel/id"));
            channel.put("channel_name", at(o, "channel/name"));
        } else {
            r.putNull("channel_object");
        }
        String type = text(o, "type");
        r.put("type", type == null ? null : switch (type) {
            case "DTC" -> "d2c";
            case "B2B" -> "b2b";
            case "DropShip" -> "dropship";
            default -> null;
        });
        r.putNull("trading_partner");
        r.put("shipping_method", text(o, "shipping_method"));
        r.putNull("service_level");
        r.putNull("shipping_method_id");
        r.put("shipping_method_name", text(o, "shipping_method"));
        r.putNull("carrier_id");
        r.putNull("carrier_name");
        r.putNull("scac");
        r.putNull("is_third_party_freight");
        r.putNull("third_party_freight_account_number");
        r.putNull("first_party_freight_account_number");
        r.put("invoice_currency_code", "USD");
        put(r, "total_price", decimal(node(o, "financials"), "total_price"));
        r.putNull("total_tax");
        r.putNull("total_discount");
        r.putNull("total_shipping");
        JsonNode recipient = node(o, "recipient");
        r.set("ship_to_address", shipTo(recipient));
        boolean fulfilled = "Fulfilled".equals(status);
        ArrayNode lines = r.putArray("line_items");
        each(o, "products").forEach(p -> {
            ObjectNode line = lines.addObject();
            line.put("product_id", text(p, "id") != null ? text(p, "id") : text(p, "reference_id"));
            line.put("sku", text(p, "sku") != null ? text(p, "sku") : text(p, "reference_id"));
            line.put("quantity", quantity(p, "quantity"));
            put(line, "unit_price", decimal(p, "unit_price"));
            line.put("is_picked", fulfilled);
            line.putNull("discount_amount");
        });
        ArrayNode tags = r.putArray("tags");
        each(o, "tags").forEach(t -> tags.add(text(t, "value") == null
                ? text(t, "name")
                : text(t, "name") + ":" + text(t, "value")));
        r.putNull("required_ship_date");
        r.putNull("saturday_delivery");
        boolean signature = false;
        for (JsonNode s : each(o, "shipments")) {
            signature |= s.path("require_signature").asBoolean(false);
        }
        r.put("signature_required", shipments == null ? null : signature);
        r.putNull("international_duty_paid_by");
        ArrayNode out = r.putArray("shipments");
        each(o, "shipments").forEach(s -> out.add(shipment(s)));
        r.put("external_system_url", config.shipbob().appUrl() + "/app/merchant/#/orders/" + id);
        r.set("additional_fields", additional(o, "purchase_date", "gift_message", "shipping_terms", "financials",
                "retailer_program_data"));
        return r;
    }

    private ObjectNode shipment(JsonNode s) {
        ObjectNode r = object();
        r.put("shipment_id", text(s, "id"));
        r.put("warehouse_id", at(s, "location/id") == null ? "" : at(s, "location/id"));
        String status = text(s, "status");
        r.put("raw_status", status);
        r.put("status", SHIPMENT_STATUS.map(status));
        String shipped = at(s, "tracking/shipping_date") != null
                ? at(s, "tracking/shipping_date")
                : text(s, "actual_fulfillment_date");
        r.put("shipped_date", Mapping.date(shipped));
        r.put("shipping_method", text(s, "ship_option"));
        ArrayNode lines = r.putArray("line_items");
        ArrayNode packageLines = array();
        each(s, "products").forEach(p -> each(p, "inventory_items").forEach(i -> {
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", text(i, "id"));
            line.put("sku", text(p, "sku"));
            line.put("quantity", quantity(i, "quantity"));
            line.putNull("parent_product_id");
            ObjectNode packageLine = packageLines.addObject();
            packageLine.put("inventory_item_id", text(i, "id"));
            packageLine.put("sku", text(p, "sku"));
            packageLine.put("quantity", quantity(i, "quantity"));
            packageLine.put("lot_id", text(i, "lot"));
            packageLine.put("expiration_date", Mapping.date(text(i, "expiration_date")));
            packageLine.putNull("parent_product_id");
        }));
        r.set("ship_to_address", shipTo(node(s, "recipient")));
        r.set("ship_from_address", Mapping.emptyShipFrom());
        ArrayNode packages = r.putArray("packages");
        JsonNode tracking = node(s, "tracking");
        if (tracking != null) {
            ObjectNode p = packages.addObject();
            p.put("package_id", text(s, "id"));
            p.put("package_name", text(s, "package_material_type"));
            p.put("tracking_number", text(tracking, "tracking_number"));
            p.put("tracking_url", text(tracking, "tracking_url"));
            p.put("shipping_method", text(tracking, "carrier_service"));
            p.put("carrier", text(tracking, "carrier"));
            p.putNull("shipping_method_id");
            p.put("shipping_method_name", text(tracking, "carrier_service"));
            p.putNull("carrier_id");
            p.put("carrier_name", text(tracking, "carrier"));
            p.put("scac", text(tracking, "scac"));
            put(p, "shipping_cost", decimal(s, "invoice_amount"));
            JsonNode m = node(s, "measurements");
            p.set("measurements", Mapping.measurements(decimal(m, "length_in"), decimal(m, "width_in"),
                    decimal(m, "depth_in"), "in", decimal(m, "total_weight_oz"), "oz"));
            p.set("line_items", packageLines);
        }
        return r;
    }

    private static ObjectNode shipTo(JsonNode recipient) {
        JsonNode address = node(recipient, "address");
        return Mapping.shipTo(text(recipient, "name"), text(address, "company_name"), text(address, "address1"),
                text(address, "address2"), text(address, "city"), text(address, "state"), text(address, "zip_code"),
                text(address, "country"), text(recipient, "phone_number"), text(recipient, "email"));
    }

    /** One Trackstar product per ShipBob variant (the unit with a SKU); the parent product is in additional_fields. */
    List<ObjectNode> products(JsonNode body) {
        List<ObjectNode> records = new ArrayList<>();
        each(body, "items").forEach(product -> each(product, "variants").forEach(v -> {
            ObjectNode r = object();
            r.put("id", text(v, "id"));
            r.putNull("warehouse_customer_id");
            putDate(r, "created_date", instant(text(v, "created_on") != null
                    ? text(v, "created_on")
                    : text(product, "created_on")));
            putDate(r, "updated_date", latest(text(v, "updated_on"), text(product, "updated_on")));
            r.put("name", text(v, "name") != null ? text(v, "name") : String.valueOf(text(product, "name")));
            r.put("sku", text(v, "sku"));
            r.put("gtin", text(v, "gtin") != null ? text(v, "gtin") : text(v, "upc"));
            BigDecimal price = null;
            for (JsonNode channel : each(v, "channel_metadata")) {
                price = price != null ? price : decimal(channel, "price");
            }
            put(r, "unit_price", price);
            ArrayNode items = r.putArray("inventory_items");
            JsonNode bundle = node(v, "bundle_definition");
            boolean kit = bundle != null && bundle.size() > 0;
            if (kit) {
                bundle.forEach(b -> {
                    ObjectNode item = items.addObject();
                    item.put("inventory_item_id", text(b, "inventory_id") != null
                            ? text(b, "inventory_id")
                            : text(b, "variant_id"));
                    item.put("sku", text(b, "variant_sku") != null ? text(b, "variant_sku") : text(b, "sku"));
                    item.put("unit_quantity", quantity(b, "quantity"));
                });
            } else if (at(v, "inventory/inventory_id") != null) {
                ObjectNode item = items.addObject();
                item.put("inventory_item_id", at(v, "inventory/inventory_id"));
                item.put("sku", text(v, "sku"));
                item.put("unit_quantity", 1);
            }
            r.put("is_kit", kit);
            r.put("active", text(v, "status") == null || "Active".equalsIgnoreCase(text(v, "status")));
            r.putNull("supplier");
            r.putNull("supplier_object");
            r.put("country_of_origin", at(v, "customs/country_code_of_origin"));
            r.put("harmonized_code", at(v, "customs/hs_tariff_code"));
            r.putArray("supplier_products");
            r.put("external_system_url", config.shipbob().appUrl() + "/app/merchant/#/products/"
                    + text(product, "id"));
            ObjectNode additional = additional(v, "status", "upc", "barcodes", "dimension", "weight", "customs",
                    "lot_information", "fulfillment_settings", "channel_metadata", "packaging_material_type");
            additional.put("product_id", text(product, "id"));
            additional.put("product_name", text(product, "name"));
            additional.put("product_type", text(product, "type"));
            r.set("additional_fields", additional);
            records.add(r);
        }));
        return records;
    }

    /** Inventory per inventory item, with its quantities per ShipBob location. */
    List<ObjectNode> inventory(JsonNode body) {
        List<ObjectNode> records = new ArrayList<>();
        each(body, "items").forEach(item -> {
            ObjectNode r = object();
            r.put("id", text(item, "inventory_id"));
            r.putNull("warehouse_customer_id");
            r.put("name", text(item, "name") != null ? text(item, "name") : String.valueOf(text(item, "sku")));
            r.put("sku", text(item, "sku"));
            r.putNull("unit_cost");
            Boolean active = Mapping.bool(item, "is_active");
            r.put("active", active == null || active);
            int onhand = 0;
            int committed = 0;
            int fulfillable = 0;
            int awaiting = 0;
            ObjectNode byWarehouse = object();
            for (JsonNode location : each(item, "locations")) {
                int locOnhand = quantity(location, "on_hand_quantity");
                int locCommitted = quantity(location, "committed_quantity");
                int locFulfillable = quantity(location, "fulfillable_quantity");
                int locAwaiting = quantity(location, "awaiting_quantity");
                onhand += locOnhand;
                committed += locCommitted;
                fulfillable += locFulfillable;
                awaiting += locAwaiting;
                ObjectNode w = byWarehouse.putObject(text(location, "location_id"));
                w.put("onhand", locOnhand);
                w.put("committed", locCommitted);
                w.put("fulfillable", locFulfillable);
                w.put("unfulfillable", Math.max(0, locOnhand - locCommitted - locFulfillable));
                w.put("unsellable", Math.max(0, locOnhand - locCommitted - locFulfillable));
                w.put("sellable", locFulfillable);
                w.put("awaiting", locAwaiting);
            }
            r.put("awaiting", awaiting);
            r.put("onhand", onhand);
            r.put("committed", committed);
            r.put("unfulfillable", Math.max(0, onhand - committed - fulfillable));
            r.put("fulfillable", fulfillable);
            r.put("unsellable", Math.max(0, onhand - committed - fulfillable));
            r.put("sellable", fulfillable);
            r.putArray("substitute_skus");
            r.set("inventory_by_warehouse_id", byWarehouse);
            r.putArray("lots");
            r.set("measurements", Mapping.emptyMeasurements());
            r.putArray("locations");
            r.put("external_system_url", config.shipbob().appUrl() + "/app/merchant/#/inventory/"
                    + text(item, "inventory_id"));
            ObjectNode additional = object();
            additional.set("locations", item.path("locations").deepCopy());
            r.set("additional_fields", additional);
            records.add(r);
        });
        return records;
    }

    ObjectNode wro(JsonNode w) {
        ObjectNode r = object();
        String id = text(w, "id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(w, "insert_date")));
        putDate(r, "updated_date", latest(text(w, "last_updated_date"), text(w, "insert_date")));
        r.put("purchase_order_number", text(w, "purchase_order_number"));
        String status = text(w, "status");
        r.put("status", WRO_STATUS.map(status));
        r.put("raw_status", status);
        r.putNull("supplier");
        r.putNull("supplier_object");
        r.put("expected_arrival_date", Mapping.date(text(w, "expected_arrival_date")));
        r.put("warehouse_id", at(w, "fulfillment_center/id"));
        ArrayNode lines = r.putArray("line_items");
        each(w, "inventory_quantities").forEach(q -> {
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", text(q, "inventory_id"));
            line.put("sku", text(q, "sku"));
            line.put("expected_quantity", quantity(q, "expected_quantity"));
            line.put("received_quantity", quantity(q, "received_quantity"));
            line.putNull("unit_cost");
            line.putNull("external_id");
        });
        r.putArray("receipts");
        r.set("ship_from_address", Mapping.emptyShipFrom());
        r.putArray("tracking_numbers");
        r.putArray("notes");
        r.put("external_system_url", config.shipbob().appUrl() + "/app/merchant/#/inventory/receiving/" + id);
        r.set("additional_fields", additional(w, "package_type", "box_packaging_type", "box_labels_uri",
                "status_history", "external_sync_timestamp"));
        return r;
    }

    ObjectNode returnRecord(JsonNode ret) {
        ObjectNode r = object();
        String id = text(ret, "id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(ret, "insert_date")));
        putDate(r, "updated_date", latest(text(ret, "insert_date"), text(ret, "awaiting_arrival_date"),
                text(ret, "arrived_date"), text(ret, "processing_date"), text(ret, "completed_date"),
                text(ret, "cancelled_date")));
        String status = text(ret, "status");
        r.put("status", RETURN_STATUS.map(status));
        r.put("raw_status", status);
        r.putNull("order_id");
        r.putArray("notes");
        String warehouse = at(ret, "fulfillment_center/id");
        ArrayNode lines = r.putArray("line_items");
        ArrayNode shipmentLines = array();
        each(ret, "inventory").forEach(i -> {
            int processed = 0;
            int restocked = 0;
            String reason = null;
            ArrayNode details = array();
            for (JsonNode taken : each(i, "action_taken")) {
                int q = quantity(taken, "quantity_processed");
                processed += q;
                if ("Restock".equalsIgnoreCase(text(taken, "action"))) {
                    restocked += q;
                }
                reason = reason != null ? reason : text(taken, "action_reason");
                ObjectNode detail = details.addObject();
                detail.put("quantity", q);
                detail.put("condition", text(taken, "action_reason"));
                detail.put("disposition", text(taken, "action"));
            }
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", text(i, "id"));
            line.put("sku", text(i, "sku"));
            line.put("expected_quantity", quantity(i, "quantity"));
            line.put("received_quantity", processed);
            line.put("restocked_quantity", restocked);
            line.put("return_reason", reason);
            line.put("quantity", quantity(i, "quantity"));
            line.put("warehouse_id", warehouse);
            line.put("returned_date", Mapping.date(text(ret, "arrived_date")));
            ObjectNode shipmentLine = shipmentLines.addObject();
            shipmentLine.put("inventory_item_id", text(i, "id"));
            shipmentLine.put("sku", text(i, "sku"));
            shipmentLine.put("quantity", quantity(i, "quantity"));
            shipmentLine.set("receiving_details", details);
        });
        ArrayNode shipments = r.putArray("shipments");
        if (text(ret, "tracking_number") != null || text(ret, "arrived_date") != null) {
            ObjectNode s = shipments.addObject();
            s.put("tracking_number", text(ret, "tracking_number"));
            s.putNull("shipped_date");
            s.put("arrived_date", Mapping.date(text(ret, "arrived_date")));
            s.put("warehouse_id", warehouse);
            s.putNull("carrier");
            s.putNull("carrier_id");
            s.putNull("carrier_name");
            s.putNull("scac");
            s.putNull("shipping_cost");
            s.set("measurements", Mapping.emptyMeasurements());
            s.set("line_items", shipmentLines);
        }
        r.put("external_system_url", config.shipbob().appUrl() + "/app/merchant/#/returns/" + id);
        r.set("additional_fields", additional(ret, "reference_id", "return_type", "original_shipment_id",
                "store_order_id", "customer_name", "shipment_tracking_number", "channel", "invoice", "transactions",
                "status_history"));
        return r;
    }

    static ObjectNode warehouse(JsonNode l) {
        ObjectNode r = object();
        r.put("id", text(l, "id"));
        r.put("name", text(l, "name") != null ? text(l, "name") : text(l, "id"));
        r.put("code", text(l, "abbreviation"));
        JsonNode address = null;
        for (JsonNode service : each(l, "services")) {
            if (address == null && node(service, "address") != null) {
                address = node(service, "address");
            }
        }
        r.set("address", Mapping.shipFrom(text(address, "address1"), text(address, "address2"),
                text(address, "city"), text(address, "state"), text(address, "zip_code"), text(address, "country")));
        r.set("additional_fields", additional(l, "timezone", "is_active", "is_receiving_enabled",
                "is_shipping_enabled", "access_granted", "region"));
        return r;
    }

    static ObjectNode shippingMethod(JsonNode m) {
        ObjectNode r = object();
        r.put("id", text(m, "id"));
        r.put("name", text(m, "name") != null ? text(m, "name") : text(m, "id"));
        r.putNull("carrier");
        r.putNull("carrier_id");
        r.putNull("carrier_name");
        r.putNull("scac");
        r.set("additional_fields", additional(m, "active", "default", "service_level"));
        return r;
    }

    static ObjectNode bill(JsonNode i) {
        ObjectNode r = object();
        r.put("id", text(i, "invoice_id"));
        r.putNull("warehouse_customer_id");
        Instant date = instant(text(i, "invoice_date"));
        putDate(r, "created_date", date);
        putDate(r, "updated_date", date);
        r.putNull("object_id");
        r.putNull("object_type");
        r.put("charge_type", text(i, "invoice_type") != null ? text(i, "invoice_type") : "other");
        BigDecimal amount = decimal(i, "amount");
        r.put("amount", amount == null ? BigDecimal.ZERO : amount);
        r.put("currency_code", text(i, "currency_code") != null ? text(i, "currency_code") : "USD");
        r.set("additional_fields", additional(i, "running_balance", "invoice_date"));
        return r;
    }
}
