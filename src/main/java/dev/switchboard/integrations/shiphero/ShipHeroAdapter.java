package dev.switchboard.integrations.shiphero;

import static dev.switchboard.integrations.Mapping.additional;
import static dev.switchboard.integrations.Mapping.decimal;
import static dev.switchboard.integrations.Mapping.each;
import static dev.switchboard.integrations.Mapping.instant;
import static dev.switchboard.integrations.Mapping.latest;
import static dev.switchboard.integrations.Mapping.node;
import static dev.switchboard.integrations.Mapping.object;
import static dev.switchboard.integrations.Mapping.put;
import static dev.switchboard.integrations.Mapping.putDate;
import static dev.switchboard.integrations.Mapping.quantity;
import static dev.switchboard.integrations.Mapping.text;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.integrations.Mapping;
import dev.switchboard.integrations.Mapping.StatusMap;
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
 * ShipHero's public GraphQL API (docs/integrations/shiphero.md). At install the account's email and password are
 * traded at {@code /auth/token} for a 28-day access token and a refresh token; only the tokens are stored. The access
 * token is renewed at {@code /auth/refresh} a day before it expires (or after a 401), once across instances
 * ({@link TokenRefresh}), keeping the refresh token when ShipHero sends none. Paging is Relay's: the cursor handed to
 * the engine is {@code endCursor}. Running out of credits is GraphQL error code 30 with {@code time_remaining}:
 * RATE_LIMITED for that long.
 */
@ApplicationScoped
public class ShipHeroAdapter implements WmsAdapter {

    public static final String NAME = "shiphero";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String ACCESS_TOKEN = "access_token";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String EXPIRES_AT = "access_token_expires_at";
    static final int THROTTLED = 30;
    static final int NOT_FOUND = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Pattern WAIT = Pattern.compile("(\\d+)\\s*(second|minute|hour)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9+/=_-]{1,200}");

    static final StatusMap ORDER_STATUS = new StatusMap()
            .put("open", "pending", "unfulfilled", "awaiting_payment")
            .put("fulfilled", "fulfilled")
            .put("partially_fulfilled", "partially_fulfilled")
            .put("cancelled", "canceled", "cancelled")
            .put("exception", "on_hold", "hold")
            .put("backordered", "backorder", "backordered");
    static final StatusMap PO_STATUS = new StatusMap()
            .put("open", "pending", "open")
            .put("receiving", "partially_received", "receiving")
            .put("received", "closed", "received")
            .put("cancelled", "canceled", "cancelled");
    static final StatusMap RETURN_STATUS = new StatusMap()
            .put("open", "pending")
            .put("receiving", "partial")
            .put("received", "complete", "completed")
            .put("cancelled", "canceled", "cancelled");

    static final String ORDER_FIELDS = "id legacy_id order_number partner_order_id shop_name fulfillment_status "
            + "order_date updated_at total_price subtotal total_tax total_discounts email profile tags currency "
            + "required_ship_date saturday_delivery require_signature "
            + "shipping_lines { carrier method title price } "
            + "shipping_address { first_name last_name company address1 address2 city state state_code zip country "
            + "country_code phone email } "
            + "holds { fraud_hold address_hold shipping_method_hold operator_hold payment_hold client_hold } "
            + "line_items(first: 100) { edges { node { id sku product_id partner_line_item_id product_name quantity "
            + "quantity_allocated quantity_pending_fulfillment quantity_shipped backorder_quantity price "
            + "fulfillment_status warehouse_id } } } "
            + "shipments { id legacy_id warehouse_id created_date shipping_labels { id tracking_number tracking_url "
            + "carrier shipping_method cost status } }";
    static final String PRODUCT_FIELDS = "id legacy_id sku name barcode price value active kit "
            + "kit_components { sku quantity } dimensions { weight height width length } tariff_code "
            + "country_of_manufacture created_at updated_at warehouse_products { warehouse_id on_hand allocated "
            + "available backorder non_sellable_quantity reserve_inventory }";
    static final String PO_FIELDS = "id legacy_id po_number partner_order_number fulfillment_status po_date "
            + "created_at arrived_at date_closed ship_date warehouse_id vendor { id name } tracking_number subtotal "
            + "shipping_price total_price po_note line_items(first: 100) { edges { node { id sku product_id "
            + "product_name quantity quantity_received quantity_rejected price fulfillment_status updated_at } } }";
    static final String RETURN_FIELDS = "id legacy_id order_id partner_id status reason created_at label_type "
            + "label_cost shipping_carrier shipping_method total_items_expected total_items_received "
            + "total_items_restocked line_items { id product_id line_item_id quantity quantity_received restock "
            + "condition reason type warehouse_id updated_at }";
    static final String BILL_FIELDS = "id legacy_id status customer_name profile_name amount billing_frequency "
            + "due_date created_at billing_period { start end }";

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
                WmsFunction.GET_WAREHOUSE_CUSTOMERS, WmsFunction.GET_BILLS);
    }

    Vendor vendor() {
        return new Vendor(NAME, "ShipHero", config.shiphero().baseUrl(), config.shiphero().requestsPerMinute(),
                Duration.ofMinutes(1));
    }

    // --- Credentials --------------------------------------------------------------------------------------------

    /** With a password (at install): the token request is the check. With tokens: the cheapest query. */
    @Override
    public void verifyCredentials(AdapterContext context) {
        if (context.credentials().get(PASSWORD) != null) {
            token(context.credentials(), context.credentials());
        } else {
            graphql(context, null, "query { account { request_id complexity data { id } } }", object());
        }
    }

    /** Trades the password for tokens, and stores the tokens instead of the password. */
    @Override
    public Map<String, String> connect(AdapterContext context) {
        Map<String, String> stored = token(context.credentials(), context.credentials());
        stored.remove(PASSWORD);
        return stored;
    }

    private String accessToken(AdapterContext context) {
        Map<String, String> credentials = context.credentials();
        String token = credentials.get(ACCESS_TOKEN);
        if (token != null && usable(credentials)) {
            return token;
        }
        return refresh(context, token).get(ACCESS_TOKEN);
    }

    private Map<String, String> refresh(AdapterContext context, String staleToken) {
        return tokens.refresh(context, ACCESS_TOKEN, staleToken, this::usable, current -> renew(current));
    }

    private boolean usable(Map<String, String> credentials) {
        String expiresAt = credentials.get(EXPIRES_AT);
        if (credentials.get(ACCESS_TOKEN) == null || expiresAt == null) {
            return credentials.get(ACCESS_TOKEN) != null && expiresAt == null;
        }
        Instant expiry = Instant.parse(expiresAt);
        return clock.instant().plus(config.shiphero().refreshMargin()).isBefore(expiry);
    }

    /** A new access token from the refresh token (or, without one, from the password). */
    private Map<String, String> renew(Map<String, String> current) {
        String refreshToken = current.get(REFRESH_TOKEN);
        if (refreshToken == null) {
            if (current.get(PASSWORD) != null) {
                return token(current, current);
            }
            throw AdapterException.credentialsRejected("ShipHero's access token expired and no refresh token is "
                    + "stored; reinstall the connection.");
        }
        ObjectNode body = object().put(REFRESH_TOKEN, refreshToken);
        JsonNode answer = auth("/auth/refresh", budgetKey(current), body, "ShipHero refused the refresh token");
        return merge(current, answer);
    }

    /** {@code /auth/token} with the email and password. */
    private Map<String, String> token(Map<String, String> current, Map<String, String> credentials) {
        String username = credentials.get(USERNAME);
        String password = credentials.get(PASSWORD);
        if (username == null || password == null) {
            throw AdapterException.credentialsRejected("ShipHero needs the account's email and password.");
        }
        ObjectNode body = object().put(USERNAME, username).put(PASSWORD, password);
        return merge(current, auth("/auth/token", username, body, "ShipHero refused the email or password"));
    }

    private JsonNode auth(String path, String budgetKey, ObjectNode body, String refusal) {
        VendorResponse response;
        try {
            response = http.send(new VendorHttp.Call(vendor(), budgetKey, null, VendorRequest.post(vendor().url(path))
                    .json(body.toString()).idempotent(true)));
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.PERMISSION_MISSING) {
                throw AdapterException.credentialsRejected(refusal + ": " + e.getMessage());
            }
            if (e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED) {
                throw AdapterException.credentialsRejected(refusal + ". " + e.getMessage());
            }
            throw e;
        }
        if (response.status() >= 400 && response.status() < 500) {
            throw AdapterException.credentialsRejected(refusal + ": " + VendorFailures.reason(response));
        }
        JsonNode answer = response.requireSuccess(null).json();
        if (text(answer, ACCESS_TOKEN) == null) {
            throw AdapterException.transientFailure("ShipHero's token answer holds no access token.", null);
        }
        return answer;
    }

    /** The current credentials with the new token; a refresh token ShipHero did not send anew is kept. */
    private Map<String, String> merge(Map<String, String> current, JsonNode answer) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        merged.put(ACCESS_TOKEN, text(answer, ACCESS_TOKEN));
        if (text(answer, REFRESH_TOKEN) != null) {
            merged.put(REFRESH_TOKEN, text(answer, REFRESH_TOKEN));
        }
        long expiresIn = answer.path("expires_in").asLong(2_419_200L);
        merged.put(EXPIRES_AT, clock.instant().plusSeconds(expiresIn).truncatedTo(ChronoUnit.SECONDS).toString());
        return merged;
    }

    private static String budgetKey(Map<String, String> credentials) {
        return credentials.get(USERNAME) != null ? credentials.get(USERNAME) : credentials.get(REFRESH_TOKEN);
    }

    // --- Writes -------------------------------------------------------------------------------------------------

    /**
     * Every write of ShipHero's catalog entry, each as GraphQL mutations (docs/integrations/shiphero.md): orders
     * ({@code order_create}; {@code order_update} with {@code order_update_line_items}/{@code order_add_line_items};
     * {@code order_cancel}), products ({@code product_create}; {@code product_update} with
     * {@code product_add_to_warehouse}), kits ({@code product_create} then {@code kit_build}), purchase orders as
     * inbound shipments ({@code purchase_order_create}; {@code purchase_order_update} with the status mutations) and
     * returns ({@code return_create}).
     */
    @Override
    public Set<Action> writes() {
        return EnumSet.of(Action.CREATE_ORDER, Action.UPDATE_ORDER, Action.CANCEL_ORDER, Action.CREATE_PRODUCT,
                Action.UPDATE_PRODUCT, Action.CREATE_KIT, Action.CREATE_INBOUND_SHIPMENT,
                Action.UPDATE_INBOUND_SHIPMENT, Action.CREATE_RETURN);
    }

    /**
     * One GraphQL document per write: when a write takes several mutations, they go in one request, which GraphQL
     * runs in order, and only the last one asks for the whole record, which comes back through the read mapping as a
     * sync would store it. Creates are sent once (a timeout is not retried, so an order is not made twice); updates
     * and the cancel are safe to repeat and go through the retried call.
     */
    @Override
    public Write.Result write(AdapterContext context, Write.Request request) {
        ObjectNode body = request.body();
        String id = request.recordId();
        return switch (request.action()) {
            case CREATE_ORDER -> new Write.Result(WmsFunction.GET_ORDERS, order(mutate(context, WmsFunction.GET_ORDERS,
                    false, "order", ORDER_FIELDS, new Step("order_create", "CreateOrderInput",
                            ShipHeroWrites.newOrder(body)))));
            case UPDATE_ORDER -> updateOrder(context, safeId(id, WmsFunction.GET_ORDERS), body);
            case CANCEL_ORDER -> cancelOrder(context, safeId(id, WmsFunction.GET_ORDERS));
            case CREATE_PRODUCT -> new Write.Result(WmsFunction.GET_PRODUCTS, product(mutate(context,
                    WmsFunction.GET_PRODUCTS, false, "product", PRODUCT_FIELDS, new Step("product_create",
                            "CreateProductInput", ShipHeroWrites.newProduct(body, false)))));
            case UPDATE_PRODUCT -> updateProduct(context, safeId(id, WmsFunction.GET_PRODUCTS), body);
            case CREATE_KIT -> new Write.Result(WmsFunction.GET_PRODUCTS, product(mutate(context,
                    WmsFunction.GET_PRODUCTS, false, "product", PRODUCT_FIELDS,
                    new Step("product_create", "CreateProductInput", ShipHeroWrites.newProduct(body, true)),
                    new Step("kit_build", "BuildKitInput", ShipHeroWrites.kit(body)))));
            case CREATE_INBOUND_SHIPMENT -> new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, purchaseOrder(mutate(
                    context, WmsFunction.GET_INBOUND_SHIPMENTS, false, "purchase_order", PO_FIELDS, new Step(
                            "purchase_order_create", "CreatePurchaseOrderInput",
                            ShipHeroWrites.newPurchaseOrder(body)))));
            case UPDATE_INBOUND_SHIPMENT -> updatePurchaseOrder(context, safeId(id,
                    WmsFunction.GET_INBOUND_SHIPMENTS), body);
            case CREATE_RETURN -> new Write.Result(WmsFunction.GET_RETURNS, returnRecord(mutate(context,
                    WmsFunction.GET_RETURNS, false, "return", RETURN_FIELDS, new Step("return_create",
                            "CreateReturnInput", ShipHeroWrites.newReturn(body)))));
            default -> WmsAdapter.super.write(context, request);
        };
    }

    /** One mutation of a write's document: its field, the GraphQL type of its {@code data} argument, and the input. */
    record Step(String mutation, String inputType, ObjectNode input) {
    }

    /**
     * {@code order_cancel}, then the order read back. Cancelling is safe to repeat, so it goes through the retried
     * call.
     */
    private Write.Result cancelOrder(AdapterContext context, String id) {
        ObjectNode input = object().put("order_id", id);
        mutate(context, WmsFunction.GET_ORDERS, true, "order", "id fulfillment_status", new Step("order_cancel",
                "CancelOrderInput", input));
        ObjectNode order = fetchOne(context, WmsFunction.GET_ORDERS, id).orElseThrow(() -> missing(
                WmsFunction.GET_ORDERS, id));
        return new Write.Result(WmsFunction.GET_ORDERS, order);
    }

    /**
     * {@code order_update} for the order's fields; line items by SKU against the order as ShipHero has it (read
     * first): {@code order_update_line_items} for lines it has, {@code order_add_line_items} for new SKUs.
     */
    private Write.Result updateOrder(AdapterContext context, String id, ObjectNode body) {
        List<Step> steps = new ArrayList<>();
        ObjectNode changes = ShipHeroWrites.orderChanges(id, body);
        if (changes != null) {
            steps.add(new Step("order_update", "UpdateOrderInput", changes));
        }
        if (body.has("line_items")) {
            JsonNode current = single(context, WmsFunction.GET_ORDERS, "order", "query($id: String!) { order(id: "
                    + "$id) { request_id complexity data { " + ORDER_FIELDS + " } } }", object().put("id", id))
                    .orElseThrow(() -> missing(WmsFunction.GET_ORDERS, id));
            ObjectNode lines = ShipHeroWrites.lineItemChanges(body, current);
            if (!lines.get("update").isEmpty()) {
                ObjectNode input = object().put("order_id", id);
                copyAccount(body, input);
                input.set("line_items", lines.get("update"));
                steps.add(new Step("order_update_line_items", "UpdateLineItemsInput", input));
            }
            if (!lines.get("add").isEmpty()) {
                ObjectNode input = object().put("order_id", id);
                copyAccount(body, input);
                input.set("line_items", lines.get("add"));
                steps.add(new Step("order_add_line_items", "AddLineItemsInput", input));
            }
        }
        if (steps.isEmpty()) {
            return new Write.Result(WmsFunction.GET_ORDERS, fetchOne(context, WmsFunction.GET_ORDERS, id)
                    .orElseThrow(() -> missing(WmsFunction.GET_ORDERS, id)));
        }
        return new Write.Result(WmsFunction.GET_ORDERS, order(mutate(context, WmsFunction.GET_ORDERS, true, "order",
                ORDER_FIELDS, steps.toArray(Step[]::new))));
    }

    /**
     * ShipHero changes a product by its SKU, so the product is read first (by the path's id). A warehouse it is not
     * stocked in yet is added with {@code product_add_to_warehouse}, before {@code product_update} answers the record.
     */
    private Write.Result updateProduct(AdapterContext context, String id, ObjectNode body) {
        JsonNode current = single(context, WmsFunction.GET_PRODUCTS, "product", "query($id: String!) { product(id: "
                + "$id) { request_id complexity data { " + PRODUCT_FIELDS + " } } }", object().put("id", id))
                .orElseThrow(() -> missing(WmsFunction.GET_PRODUCTS, id));
        String sku = text(current, "sku");
        List<Step> steps = new ArrayList<>();
        String warehouse = text(body, "warehouse_id");
        boolean stocked = false;
        for (JsonNode wp : each(current, "warehouse_products")) {
            stocked |= warehouse != null && warehouse.equals(text(wp, "warehouse_id"));
        }
        if (warehouse != null && !stocked) {
            ObjectNode input = object().put("sku", sku).put("warehouse_id", warehouse);
            copyAccount(body, input);
            steps.add(new Step("product_add_to_warehouse", "AddProductToWarehouseInput", input));
        }
        steps.add(new Step("product_update", "UpdateProductInput", ShipHeroWrites.productChanges(sku, body)));
        return new Write.Result(WmsFunction.GET_PRODUCTS, product(mutate(context, WmsFunction.GET_PRODUCTS, true,
                "product", PRODUCT_FIELDS, steps.toArray(Step[]::new))));
    }

    /**
     * {@code purchase_order_update} for the fields, then the status: {@code received} closes the purchase order
     * ({@code purchase_order_close}), {@code cancelled} cancels it ({@code purchase_order_cancel}) and {@code open}
     * sets ShipHero's {@code pending} ({@code purchase_order_set_fulfillment_status}).
     */
    private Write.Result updatePurchaseOrder(AdapterContext context, String id, ObjectNode body) {
        List<Step> steps = new ArrayList<>();
        ObjectNode changes = ShipHeroWrites.purchaseOrderChanges(id, body);
        if (changes != null) {
            steps.add(new Step("purchase_order_update", "UpdatePurchaseOrderInput", changes));
        }
        String status = text(body, "status");
        if (status != null) {
            ObjectNode input = object().put("po_id", id);
            copyAccount(body, input);
            steps.add(switch (status) {
                case "received" -> new Step("purchase_order_close", "ClosePurchaseOrderInput", input);
                case "cancelled" -> new Step("purchase_order_cancel", "CancelPurchaseOrderInput", input);
                default -> new Step("purchase_order_set_fulfillment_status", "SetPurchaseOrderFulfillmentStatusInput",
                        input.put("status", "pending"));
            });
        }
        if (steps.isEmpty()) {
            return new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, fetchOne(context,
                    WmsFunction.GET_INBOUND_SHIPMENTS, id).orElseThrow(
                            () -> missing(
                                    WmsFunction.GET_INBOUND_SHIPMENTS, id)));
        }
        return new Write.Result(WmsFunction.GET_INBOUND_SHIPMENTS, purchaseOrder(mutate(context,
                WmsFunction.GET_INBOUND_SHIPMENTS, true, "purchase_order", PO_FIELDS, steps.toArray(Step[]::new))));
    }

    private static void copyAccount(JsonNode body, ObjectNode input) {
        if (text(body, "warehouse_customer_id") != null) {
            input.put("customer_account_id", text(body, "warehouse_customer_id"));
        }
    }

    private static String safeId(String id, WmsFunction function) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw missing(function, id);
        }
        return id;
    }

    private static AdapterException missing(WmsFunction function, String id) {
        return new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero has no record " + id + ".", null,
                function, 404, null);
    }

    /**
     * Sends the steps as one mutation document and returns the last step's {@code payload} (the record), asking for
     * {@code fields} of it. ShipHero's refusals are read from {@code errors}: code 5 is a 404; code 30 (credits spent,
     * nothing ran) is waited out once when ShipHero says it takes at most {@code throttle-wait} and sent again, else
     * RATE_LIMITED; any other error is a 422 with ShipHero's messages, since ShipHero answers its refusals with HTTP
     * 200.
     */
    JsonNode mutate(AdapterContext context, WmsFunction function, boolean repeatable, String payload, String fields,
            Step... steps) {
        StringBuilder declarations = new StringBuilder();
        StringBuilder selections = new StringBuilder();
        ObjectNode variables = object();
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            boolean last = i == steps.length - 1;
            declarations.append(i == 0 ? "" : ", ").append("$v").append(i).append(": ").append(step.inputType())
                    .append('!');
            selections.append(' ').append(step.mutation()).append("(data: $v").append(i).append(") { request_id "
                    + "complexity").append(last ? " " + payload + " { " + fields + " }" : "").append(" }");
            variables.set("v" + i, step.input());
        }
        String document = "mutation(" + declarations + ") {" + selections + " }";
        String last = steps[steps.length - 1].mutation();
        JsonNode answer = mutation(context, function, document, variables, repeatable);
        JsonNode errors = node(answer, "errors");
        if (errors != null && errors.size() > 0) {
            Duration wait = throttled(errors);
            if (wait != null && wait.compareTo(config.shiphero().throttleWait()) <= 0) {
                pause(wait);
                answer = mutation(context, function, document, variables, repeatable);
                errors = node(answer, "errors");
            }
        }
        if (errors != null && errors.size() > 0) {
            Duration wait = throttled(errors);
            if (wait != null) {
                throw new AdapterException(AdapterException.Kind.RATE_LIMITED, "ShipHero's credits are spent: "
                        + text(errors.get(0), "message"), wait, function, 429, null);
            }
            for (JsonNode error : errors) {
                if (error.path("code").asInt(-1) == NOT_FOUND) {
                    throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero: " + text(error, "message"),
                            null, function, 404, null);
                }
            }
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(text(e, "message")));
            throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero refused " + last + ": "
                    + String.join("; ", messages), null, function, 422, null);
        }
        JsonNode record = answer.at("/data/" + last + "/" + payload);
        if (!record.isObject()) {
            throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero's " + last + " answered without "
                    + "the " + payload + ".", null, function, 502, null);
        }
        return record;
    }

    /** The wait of a code-30 error among {@code errors}, or null when none is one. */
    private static Duration throttled(JsonNode errors) {
        for (JsonNode error : errors) {
            if (error.path("code").asInt(-1) == THROTTLED) {
                return waitOf(error);
            }
        }
        return null;
    }

    /**
     * A write is synchronous, so its caller waits anyway: a short wait for credits (bounded by
     * {@code switchboard.integrations.shiphero.throttle-wait}) answers the write rather than a 429. Syncs never wait.
     */
    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException(AdapterException.Kind.TRANSIENT, "Interrupted (the service is stopping).",
                    null, null, 0, e);
        }
    }

    /** A mutation's whole answer ({@code data} and {@code errors}); a 401 refreshes the token once. */
    private JsonNode mutation(AdapterContext context, WmsFunction function, String document, ObjectNode variables,
            boolean repeatable) {
        String token = accessToken(context);
        try {
            return send(context, function, token, document, variables, repeatable);
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED && e.status() == 401) {
                String fresh = refresh(context, token).get(ACCESS_TOKEN);
                return send(context, function, fresh, document, variables, repeatable);
            }
            throw e;
        }
    }

    // --- GraphQL ------------------------------------------------------------------------------------------------

    /** The {@code data} of a query; a 401 refreshes the token once; code 30 is RATE_LIMITED. */
    JsonNode graphql(AdapterContext context, WmsFunction function, String query, ObjectNode variables) {
        String token = accessToken(context);
        try {
            return post(context, function, token, query, variables);
        } catch (AdapterException e) {
            if (e.kind() == AdapterException.Kind.CREDENTIALS_REJECTED && e.status() == 401) {
                String fresh = refresh(context, token).get(ACCESS_TOKEN);
                return post(context, function, fresh, query, variables);
            }
            throw e;
        }
    }

    private JsonNode post(AdapterContext context, WmsFunction function, String token, String query,
            ObjectNode variables) {
        JsonNode answer = send(context, function, token, query, variables, true);
        JsonNode errors = node(answer, "errors");
        if (errors != null && errors.size() > 0) {
            for (JsonNode error : errors) {
                if (error.path("code").asInt(-1) == THROTTLED) {
                    throw new AdapterException(AdapterException.Kind.RATE_LIMITED, "ShipHero's credits are spent: "
                            + text(error, "message"), waitOf(error), function, 429, null);
                }
            }
            JsonNode first = errors.get(0);
            if (first.path("code").asInt(-1) == NOT_FOUND) {
                return null;
            }
            throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero refused the query: "
                    + VendorFailures.reason(new VendorResponse(vendor(), 200, Map.of(), errors.toString()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                    null, function, 200, null);
        }
        JsonNode data = node(answer, "data");
        if (data == null) {
            throw AdapterException.transientFailure("ShipHero answered without data.", null);
        }
        return data;
    }

    /** One POST to {@code /graphql}; {@code repeatable} calls are retried after a transient failure. */
    private JsonNode send(AdapterContext context, WmsFunction function, String token, String query,
            ObjectNode variables, boolean repeatable) {
        ObjectNode body = object();
        body.put("query", query);
        body.set("variables", variables);
        VendorResponse response = http.send(new VendorHttp.Call(vendor(), budgetKey(context.credentials()), function,
                VendorRequest.post(vendor().url("/graphql")).idempotent(repeatable).json(body.toString())
                        .header("Authorization", "Bearer " + token)));
        return response.requireSuccess(function).json();
    }

    /** {@code time_remaining} ("18 seconds", "55 minutes"), else the message's "In 18 seconds", else a minute. */
    static Duration waitOf(JsonNode error) {
        for (String field : List.of("time_remaining", "message")) {
            String text = text(error, field);
            if (text != null) {
                Matcher m = WAIT.matcher(text);
                if (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    String unit = m.group(2).toLowerCase();
                    return unit.startsWith("hour")
                            ? Duration.ofHours(n)
                            : unit.startsWith("minute") ? Duration.ofMinutes(n) : Duration.ofSeconds(Math.max(1, n));
                }
            }
        }
        return Duration.ofSeconds(60);
    }

    /** ShipHero's API is one GraphQL endpoint: {@code /graphql}, with the connection's (fresh) token. */
    @Override
    public Passthrough.Response passthrough(AdapterContext context, Passthrough.Request request) {
        String token = accessToken(context);
        VendorRequest out = PassthroughSupport.request(vendor(), request, List.of("/graphql"))
                .header("Authorization", "Bearer " + token);
        return PassthroughSupport.response(http.sendRaw(new VendorHttp.Call(vendor(), budgetKey(context.credentials()),
                null, out)));
    }

    // --- Reads --------------------------------------------------------------------------------------------------

    @Override
    public Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor) {
        return switch (function) {
            case GET_ORDERS -> connection(context, function, "orders", "query($after: String, $from: ISODateTime, "
                    + "$to: ISODateTime) { orders(updated_from: $from, updated_to: $to) { request_id complexity "
                    + "data(first: 25, after: $after) { pageInfo { hasNextPage endCursor } edges { node { "
                    + ORDER_FIELDS + " } } } } }", vars(cursor, since(window), until(window)), this::order);
            case GET_PRODUCTS -> connection(context, function, "products", "query($after: String, $from: ISODateTime, "
                    + "$to: ISODateTime) { products(updated_from: $from, updated_to: $to) { request_id complexity "
                    + "data(first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { "
                    + PRODUCT_FIELDS + " } } } } }", vars(cursor, since(window), until(window)), this::product);
            case GET_INVENTORY -> connection(context, function, "products", "query($after: String) { products { "
                    + "request_id complexity data(first: 50, after: $after) { pageInfo { hasNextPage endCursor } "
                    + "edges { node { " + PRODUCT_FIELDS + " } } } } }", vars(cursor, null, null), this::inventory);
            case GET_INBOUND_SHIPMENTS -> connection(context, function, "purchase_orders", "query($after: String, "
                    + "$from: ISODateTime) { purchase_orders(created_from: $from) { request_id complexity "
                    + "data(first: 25, after: $after) { pageInfo { hasNextPage endCursor } edges { node { "
                    + PO_FIELDS + " } } } } }", vars(cursor, lookbackStart(window), null), this::purchaseOrder);
            case GET_RETURNS -> connection(context, function, "returns", "query($after: String, $from: ISODateTime) "
                    + "{ returns(date_from: $from) { request_id complexity data(first: 25, after: $after) { "
                    + "pageInfo { hasNextPage endCursor } edges { node { " + RETURN_FIELDS + " } } } } }",
                    vars(cursor, lookbackStart(window), null), this::returnRecord);
            case GET_BILLS -> connection(context, function, "bills", "query($after: String, $from: ISODateTime, "
                    + "$to: ISODateTime) { bills(from_date: $from, to_date: $to) { request_id complexity "
                    + "data(first: 25, after: $after) { pageInfo { hasNextPage endCursor } edges { node { "
                    + BILL_FIELDS + " } } } } }", vars(cursor, since(window), until(window)), ShipHeroAdapter::bill);
            case GET_WAREHOUSES -> {
                JsonNode data = graphql(context, function, "query { account { request_id complexity data { id "
                        + "warehouses { id legacy_id identifier company_name profile phone_number address { name "
                        + "address1 address2 city state zip country phone } } } } }", object());
                List<ObjectNode> records = new ArrayList<>();
                each(data.at("/account/data"), "warehouses").forEach(w -> records.add(warehouse(w)));
                yield Page.last(records);
            }
            case GET_WAREHOUSE_CUSTOMERS -> {
                JsonNode data = graphql(context, function, "query($after: String) { account { request_id complexity "
                        + "data { customers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { "
                        + "node { id legacy_id email username } } } } } }", vars(cursor, null, null));
                yield page(data.at("/account/data/customers"), ShipHeroAdapter::customer);
            }
            default -> throw new AdapterException(AdapterException.Kind.PERMANENT, "ShipHero has no " + function
                    + " query.", null, function, 0, null);
        };
    }

    @Override
    public Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        ObjectNode variables = object().put("id", id);
        return switch (function) {
            case GET_ORDERS -> single(context, function, "order", "query($id: String!) { order(id: $id) { "
                    + "request_id complexity data { " + ORDER_FIELDS + " } } }", variables).map(this::order);
            case GET_PRODUCTS -> single(context, function, "product", "query($id: String!) { product(id: $id) { "
                    + "request_id complexity data { " + PRODUCT_FIELDS + " } } }", variables).map(this::product);
            case GET_INVENTORY -> single(context, function, "product", "query($id: String!) { product(id: $id) { "
                    + "request_id complexity data { " + PRODUCT_FIELDS + " } } }", variables).map(this::inventory);
            case GET_INBOUND_SHIPMENTS -> single(context, function, "purchase_order", "query($id: String!) { "
                    + "purchase_order(id: $id) { request_id complexity data { " + PO_FIELDS + " } } }", variables)
                    .map(this::purchaseOrder);
            case GET_RETURNS -> single(context, function, "return", "query($id: String!) { return(id: $id) { "
                    + "request_id complexity data { " + RETURN_FIELDS + " } } }", variables).map(this::returnRecord);
            case GET_BILLS -> single(context, function, "bill", "query($id: String!) { bill(id: $id) { "
                    + "request_id complexity data { " + BILL_FIELDS + " } } }", variables).map(ShipHeroAdapter::bill);
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

    private Page connection(AdapterContext context, WmsFunction function, String field, String query,
            ObjectNode variables, Function<JsonNode, ObjectNode> map) {
        JsonNode data = graphql(context, function, query, variables);
        return page(data.at("/" + field + "/data"), map);
    }

    private static Page page(JsonNode connection, Function<JsonNode, ObjectNode> map) {
        List<ObjectNode> records = new ArrayList<>();
        each(connection, "edges").forEach(edge -> {
            JsonNode n = node(edge, "node");
            if (n != null) {
                records.add(map.apply(n));
            }
        });
        boolean more = connection.at("/pageInfo/hasNextPage").asBoolean(false) && !records.isEmpty();
        String next = connection.at("/pageInfo/endCursor").asText(null);
        return new Page(records, more ? next : null, null);
    }

    private Optional<JsonNode> single(AdapterContext context, WmsFunction function, String field, String query,
            ObjectNode variables) {
        JsonNode data = graphql(context, function, query, variables);
        if (data == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(node(node(data, field), "data"));
    }

    private static ObjectNode vars(String cursor, String from, String to) {
        ObjectNode variables = object();
        variables.put("after", cursor);
        if (from != null) {
            variables.put("from", from);
        }
        if (to != null) {
            variables.put("to", to);
        }
        return variables;
    }

    /** ShipHero's ISODateTime, as its documentation writes it: UTC without an offset. */
    private static String isoDateTime(Instant instant) {
        return instant == null ? null : ISO_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static String since(SyncWindow window) {
        return window == null ? null : isoDateTime(window.since());
    }

    private static String until(SyncWindow window) {
        return window == null ? null : isoDateTime(window.until());
    }

    private String lookbackStart(SyncWindow window) {
        return window == null || window.since() == null
                ? null
                : isoDateTime(window.since().minus(config.shiphero().lookback()));
    }

    private String url(String kind, JsonNode node) {
        String legacy = text(node, "legacy_id");
        return legacy == null ? null : config.shiphero().appUrl() + "/dashboard/" + kind + "/details/" + legacy;
    }

    // --- Mapping ------------------------------------------------------------------------------------------------

    ObjectNode order(JsonNode o) {
        ObjectNode r = object();
        String id = text(o, "id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        String warehouse = null;
        for (JsonNode edge : each(node(o, "line_items"), "edges")) {
            warehouse = warehouse != null ? warehouse : text(node(edge, "node"), "warehouse_id");
        }
        r.put("warehouse_id", warehouse);
        putDate(r, "created_date", instant(text(o, "order_date")));
        putDate(r, "updated_date", latest(text(o, "updated_at"), text(o, "order_date")));
        String reference = text(o, "partner_order_id") != null ? text(o, "partner_order_id") : id;
        r.put("reference_id", reference);
        r.put("order_number", text(o, "order_number") != null ? text(o, "order_number") : reference);
        String status = text(o, "fulfillment_status");
        r.put("status", ORDER_STATUS.map(status));
        r.put("raw_status", status);
        r.put("channel", text(o, "shop_name"));
        if (text(o, "shop_name") != null) {
            ObjectNode channel = r.putObject("channel_object");
            channel.put("channel_id", text(o, "shop_name"));
            channel.put("channel_name", text(o, "shop_name"));
        } else {
            r.putNull("channel_object");
        }
        r.putNull("type");
        r.putNull("trading_partner");
        JsonNode shipping = node(o, "shipping_lines");
        r.put("shipping_method", text(shipping, "title"));
        r.put("service_level", text(shipping, "method"));
        r.putNull("shipping_method_id");
        r.put("shipping_method_name", text(shipping, "title"));
        r.putNull("carrier_id");
        r.put("carrier_name", text(shipping, "carrier"));
        r.putNull("scac");
        r.putNull("is_third_party_freight");
        r.putNull("third_party_freight_account_number");
        r.putNull("first_party_freight_account_number");
        r.put("invoice_currency_code", text(o, "currency") != null ? text(o, "currency") : "USD");
        put(r, "total_price", decimal(o, "total_price"));
        put(r, "total_tax", decimal(o, "total_tax"));
        put(r, "total_discount", decimal(o, "total_discounts"));
        put(r, "total_shipping", decimal(shipping, "price"));
        JsonNode a = node(o, "shipping_address");
        String name = String.join(" ", java.util.stream.Stream.of(text(a, "first_name"), text(a, "last_name"))
                .filter(java.util.Objects::nonNull).toList());
        r.set("ship_to_address", Mapping.shipTo(name.isEmpty() ? null : name, text(a, "company"),
                text(a, "address1"), text(a, "address2"), text(a, "city"),
                text(a, "state_code") != null ? text(a, "state_code") : text(a, "state"), text(a, "zip"),
                text(a, "country_code") != null ? text(a, "country_code") : text(a, "country"), text(a, "phone"),
                text(a, "email") != null ? text(a, "email") : text(o, "email")));
        ArrayNode lines = r.putArray("line_items");
        each(node(o, "line_items"), "edges").forEach(edge -> {
            JsonNode item = node(edge, "node");
            ObjectNode line = lines.addObject();
            line.put("product_id", text(item, "product_id") != null ? text(item, "product_id") : text(item, "sku"));
            line.put("sku", text(item, "sku"));
            line.put("quantity", quantity(item, "quantity"));
            put(line, "unit_price", decimal(item, "price"));
            line.put("is_picked", quantity(item, "quantity_shipped") >= quantity(item, "quantity")
                    && quantity(item, "quantity") > 0);
            line.putNull("discount_amount");
        });
        ArrayNode tags = r.putArray("tags");
        each(o, "tags").forEach(t -> tags.add(t.asText()));
        r.put("required_ship_date", Mapping.date(text(o, "required_ship_date")));
        r.set("saturday_delivery", node(o, "saturday_delivery") == null
                ? Mapping.NODES.nullNode()
                : Mapping.NODES.booleanNode(o.get("saturday_delivery").asBoolean()));
        r.set("signature_required", node(o, "require_signature") == null
                ? Mapping.NODES.nullNode()
                : Mapping.NODES.booleanNode(o.get("require_signature").asBoolean()));
        r.putNull("international_duty_paid_by");
        ArrayNode shipments = r.putArray("shipments");
        each(o, "shipments").forEach(s -> {
            ObjectNode shipment = shipments.addObject();
            shipment.put("shipment_id", text(s, "id"));
            shipment.put("warehouse_id", text(s, "warehouse_id") == null ? "" : text(s, "warehouse_id"));
            String labelStatus = null;
            for (JsonNode label : each(s, "shipping_labels")) {
                labelStatus = labelStatus != null ? labelStatus : text(label, "status");
            }
            shipment.put("raw_status", labelStatus);
            // ShipHero records a shipment when it ships; a voided label is the only other state it reports.
            shipment.put("status", labelStatus == null || "valid".equalsIgnoreCase(labelStatus)
                    ? "shipped"
                    : "void".equalsIgnoreCase(labelStatus) || "voided".equalsIgnoreCase(labelStatus)
                            ? "cancelled"
                            : "other");
            shipment.put("shipped_date", Mapping.date(text(s, "created_date")));
            shipment.putNull("shipping_method");
            shipment.putArray("line_items");
            shipment.set("ship_to_address", r.get("ship_to_address").deepCopy());
            shipment.set("ship_from_address", Mapping.emptyShipFrom());
            ArrayNode packages = shipment.putArray("packages");
            each(s, "shipping_labels").forEach(label -> {
                ObjectNode p = packages.addObject();
                p.put("package_id", text(label, "id"));
                p.putNull("package_name");
                p.put("tracking_number", text(label, "tracking_number"));
                p.put("tracking_url", text(label, "tracking_url"));
                p.put("shipping_method", text(label, "shipping_method"));
                p.put("carrier", text(label, "carrier"));
                p.putNull("shipping_method_id");
                p.put("shipping_method_name", text(label, "shipping_method"));
                p.putNull("carrier_id");
                p.put("carrier_name", text(label, "carrier"));
                p.putNull("scac");
                put(p, "shipping_cost", decimal(label, "cost"));
                p.set("measurements", Mapping.emptyMeasurements());
                p.putArray("line_items");
            });
        });
        r.put("external_system_url", url("orders", o));
        ObjectNode additional = additional(o, "legacy_id", "profile", "holds", "subtotal", "shop_name");
        r.set("additional_fields", additional);
        return r;
    }

    ObjectNode product(JsonNode p) {
        ObjectNode r = object();
        String id = text(p, "id");
        r.put("id", id);
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(p, "created_at")));
        putDate(r, "updated_date", latest(text(p, "updated_at"), text(p, "created_at")));
        r.put("name", text(p, "name") != null ? text(p, "name") : String.valueOf(text(p, "sku")));
        r.put("sku", text(p, "sku"));
        r.put("gtin", text(p, "barcode"));
        put(r, "unit_price", decimal(p, "price"));
        ArrayNode items = r.putArray("inventory_items");
        boolean kit = p.path("kit").asBoolean(false);
        if (kit) {
            each(p, "kit_components").forEach(c -> {
                ObjectNode item = items.addObject();
                item.put("inventory_item_id", text(c, "sku"));
                item.put("sku", text(c, "sku"));
                item.put("unit_quantity", quantity(c, "quantity"));
            });
        } else {
            ObjectNode item = items.addObject();
            item.put("inventory_item_id", id);
            item.put("sku", text(p, "sku"));
            item.put("unit_quantity", 1);
        }
        r.put("is_kit", kit);
        r.put("active", p.path("active").asBoolean(true));
        r.putNull("supplier");
        r.putNull("supplier_object");
        r.put("country_of_origin", text(p, "country_of_manufacture"));
        r.put("harmonized_code", text(p, "tariff_code"));
        r.putArray("supplier_products");
        r.put("external_system_url", url("products", p));
        r.set("additional_fields", additional(p, "legacy_id", "value", "dimensions"));
        return r;
    }

    /** Inventory per product (Trackstar's inventory item), with ShipHero's warehouse products as the breakdown. */
    ObjectNode inventory(JsonNode p) {
        ObjectNode r = object();
        r.put("id", text(p, "id"));
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(p, "created_at")));
        putDate(r, "updated_date", latest(text(p, "updated_at"), text(p, "created_at")));
        r.put("name", text(p, "name") != null ? text(p, "name") : String.valueOf(text(p, "sku")));
        r.put("sku", text(p, "sku"));
        put(r, "unit_cost", decimal(p, "value"));
        r.put("active", p.path("active").asBoolean(true));
        int onhand = 0;
        int committed = 0;
        int fulfillable = 0;
        int unsellable = 0;
        ObjectNode byWarehouse = object();
        for (JsonNode wp : each(p, "warehouse_products")) {
            int on = quantity(wp, "on_hand");
            int allocated = quantity(wp, "allocated");
            int available = quantity(wp, "available");
            int nonSellable = quantity(wp, "non_sellable_quantity");
            onhand += on;
            committed += allocated;
            fulfillable += Math.max(0, available);
            unsellable += nonSellable;
            String warehouse = text(wp, "warehouse_id");
            if (warehouse != null) {
                ObjectNode w = byWarehouse.putObject(warehouse);
                w.put("onhand", on);
                w.put("committed", allocated);
                w.put("fulfillable", Math.max(0, available));
                w.put("unfulfillable", nonSellable);
                w.put("unsellable", nonSellable);
                w.put("sellable", Math.max(0, available));
                w.putNull("awaiting");
            }
        }
        r.put("awaiting", 0);
        r.put("onhand", onhand);
        r.put("committed", committed);
        r.put("unfulfillable", unsellable);
        r.put("fulfillable", fulfillable);
        r.put("unsellable", unsellable);
        r.put("sellable", fulfillable);
        r.putArray("substitute_skus");
        r.set("inventory_by_warehouse_id", byWarehouse);
        r.putArray("lots");
        JsonNode d = node(p, "dimensions");
        r.set("measurements", Mapping.measurements(decimal(d, "length"), decimal(d, "width"), decimal(d, "height"),
                "in", decimal(d, "weight"), "oz"));
        r.putArray("locations");
        r.put("external_system_url", url("products", p));
        r.set("additional_fields", additional(p, "legacy_id", "warehouse_products"));
        return r;
    }

    ObjectNode purchaseOrder(JsonNode po) {
        ObjectNode r = object();
        r.put("id", text(po, "id"));
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(po, "created_at")));
        List<String> dates = new ArrayList<>(List.of(String.valueOf(text(po, "created_at"))));
        dates.add(text(po, "arrived_at"));
        dates.add(text(po, "date_closed"));
        each(node(po, "line_items"), "edges").forEach(e -> dates.add(text(node(e, "node"), "updated_at")));
        putDate(r, "updated_date", latest(dates.toArray(String[]::new)));
        r.put("purchase_order_number", text(po, "po_number"));
        String status = text(po, "fulfillment_status");
        r.put("status", PO_STATUS.map(status));
        r.put("raw_status", status);
        r.put("supplier", Mapping.at(po, "vendor/name"));
        if (Mapping.at(po, "vendor/id") != null) {
            ObjectNode supplier = r.putObject("supplier_object");
            supplier.put("supplier_id", Mapping.at(po, "vendor/id"));
            supplier.put("supplier_name", Mapping.at(po, "vendor/name"));
        } else {
            r.putNull("supplier_object");
        }
        // po_date is "the expected date to arrive at the warehouse" in ShipHero's schema; ship_date when it is unset.
        r.put("expected_arrival_date", Mapping.date(text(po, "po_date") != null
                ? text(po, "po_date")
                : text(po, "ship_date")));
        r.put("warehouse_id", text(po, "warehouse_id"));
        ArrayNode lines = r.putArray("line_items");
        each(node(po, "line_items"), "edges").forEach(edge -> {
            JsonNode item = node(edge, "node");
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", text(item, "product_id") != null
                    ? text(item, "product_id")
                    : text(item, "sku"));
            line.put("sku", text(item, "sku"));
            line.put("expected_quantity", quantity(item, "quantity"));
            line.put("received_quantity", quantity(item, "quantity_received"));
            put(line, "unit_cost", decimal(item, "price"));
            line.put("external_id", text(item, "id"));
        });
        r.putArray("receipts");
        r.set("ship_from_address", Mapping.emptyShipFrom());
        ArrayNode tracking = r.putArray("tracking_numbers");
        if (text(po, "tracking_number") != null) {
            tracking.add(text(po, "tracking_number"));
        }
        ArrayNode notes = r.putArray("notes");
        if (text(po, "po_note") != null) {
            notes.add(text(po, "po_note"));
        }
        r.put("external_system_url", url("purchase-orders", po));
        r.set("additional_fields", additional(po, "legacy_id", "partner_order_number", "po_date", "arrived_at",
                "date_closed", "subtotal", "shipping_price", "total_price"));
        return r;
    }

    ObjectNode returnRecord(JsonNode ret) {
        ObjectNode r = object();
        r.put("id", text(ret, "id"));
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(ret, "created_at")));
        List<String> dates = new ArrayList<>();
        dates.add(text(ret, "created_at"));
        each(ret, "line_items").forEach(l -> dates.add(text(l, "updated_at")));
        putDate(r, "updated_date", latest(dates.toArray(String[]::new)));
        String status = text(ret, "status");
        r.put("status", RETURN_STATUS.map(status));
        r.put("raw_status", status);
        r.put("order_id", text(ret, "order_id"));
        ArrayNode notes = r.putArray("notes");
        if (text(ret, "reason") != null) {
            notes.add(text(ret, "reason"));
        }
        ArrayNode lines = r.putArray("line_items");
        ArrayNode shipmentLines = Mapping.array();
        String warehouse = null;
        for (JsonNode item : each(ret, "line_items")) {
            warehouse = warehouse != null ? warehouse : text(item, "warehouse_id");
            ObjectNode line = lines.addObject();
            line.put("inventory_item_id", text(item, "product_id"));
            line.putNull("sku");
            line.put("expected_quantity", quantity(item, "quantity"));
            line.put("received_quantity", quantity(item, "quantity_received"));
            line.put("restocked_quantity", quantity(item, "restock"));
            line.put("return_reason", text(item, "reason"));
            line.put("quantity", quantity(item, "quantity"));
            line.put("warehouse_id", text(item, "warehouse_id"));
            line.putNull("returned_date");
            ObjectNode shipmentLine = shipmentLines.addObject();
            shipmentLine.put("inventory_item_id", text(item, "product_id"));
            shipmentLine.putNull("sku");
            shipmentLine.put("quantity", quantity(item, "quantity"));
            ObjectNode detail = shipmentLine.putArray("receiving_details").addObject();
            detail.put("quantity", quantity(item, "quantity_received"));
            detail.put("condition", text(item, "condition"));
            detail.put("disposition", text(item, "type"));
        }
        ArrayNode shipments = r.putArray("shipments");
        if (text(ret, "shipping_carrier") != null || shipmentLines.size() > 0) {
            ObjectNode s = shipments.addObject();
            s.putNull("tracking_number");
            s.putNull("shipped_date");
            s.putNull("arrived_date");
            s.put("warehouse_id", warehouse);
            s.put("carrier", text(ret, "shipping_carrier"));
            s.putNull("carrier_id");
            s.put("carrier_name", text(ret, "shipping_carrier"));
            s.putNull("scac");
            put(s, "shipping_cost", decimal(ret, "label_cost"));
            s.set("measurements", Mapping.emptyMeasurements());
            s.set("line_items", shipmentLines);
        }
        r.put("external_system_url", url("returns", ret));
        r.set("additional_fields", additional(ret, "legacy_id", "partner_id", "label_type", "shipping_method",
                "total_items_expected", "total_items_received", "total_items_restocked"));
        return r;
    }

    static ObjectNode warehouse(JsonNode w) {
        ObjectNode r = object();
        r.put("id", text(w, "id"));
        r.put("name", text(w, "identifier") != null ? text(w, "identifier") : String.valueOf(text(w, "id")));
        r.put("code", text(w, "identifier"));
        JsonNode a = node(w, "address");
        r.set("address", Mapping.shipFrom(text(a, "address1"), text(a, "address2"), text(a, "city"),
                text(a, "state"), text(a, "zip"), text(a, "country")));
        r.set("additional_fields", additional(w, "legacy_id", "company_name", "profile", "phone_number"));
        return r;
    }

    static ObjectNode customer(JsonNode c) {
        ObjectNode r = object();
        r.put("id", text(c, "id"));
        String name = text(c, "username") != null ? text(c, "username") : text(c, "email");
        r.put("name", name != null ? name : String.valueOf(text(c, "id")));
        r.put("email", text(c, "email"));
        r.set("additional_fields", additional(c, "legacy_id"));
        return r;
    }

    static ObjectNode bill(JsonNode b) {
        ObjectNode r = object();
        r.put("id", text(b, "id"));
        r.putNull("warehouse_customer_id");
        putDate(r, "created_date", instant(text(b, "created_at")));
        putDate(r, "updated_date", instant(text(b, "created_at")));
        r.putNull("object_id");
        r.putNull("object_type");
        r.put("charge_type", text(b, "billing_frequency") != null ? text(b, "billing_frequency") + "_bill" : "bill");
        BigDecimal amount = decimal(b, "amount");
        r.put("amount", amount == null ? BigDecimal.ZERO : amount);
        r.put("currency_code", "USD");
        r.set("additional_fields", additional(b, "legacy_id", "status", "customer_name", "profile_name", "due_date",
                "billing_period"));
        return r;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
