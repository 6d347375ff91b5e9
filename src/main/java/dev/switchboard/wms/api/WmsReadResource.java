package dev.switchboard.wms.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.Caller;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Trackstar's unified WMS read API: the 26 {@code GET /wms/*} routes, served from the record store by
 * {@link WmsReads}. Every route takes the API key (read scope, {@code ApiKeyAuthFilter}) and the connection's
 * access token. Lists answer {@code {"data": [...], "next_token": ..., "total_count": n}} (n = the records in this
 * page, as the contract defines it), single items {@code {"data": {...}}}; record bodies are Trackstar's schemas plus
 * {@code trackstar_created_date} and {@code trackstar_updated_date}. The query filters of each list are documented
 * from {@code wms/read-filters.json} by {@link ReadFiltersOpenApi}.
 */
@Path("/wms")
@Tag(name = "WMS", description = "Trackstar's unified WMS read API: the connection's records as Switchboard last "
        + "synced them. Send the API key and the connection's access token (x-trackstar-access-token).")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid API key, or INVALID_ACCESS_TOKEN: missing, malformed, unknown or deleted, or of another organization or environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended, or ENDPOINT_DISABLED: the link that installed the connection disabled this function", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Validation error: an unknown parameter, field or operator, or a malformed value (at query.<parameter>)", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
@APIResponse(responseCode = "501", description = "NOT_IMPLEMENTED: the connection's integration does not offer this function (Endpoint get_returns is not implemented for ShipBob)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE, retry after Retry-After seconds: the database is unavailable, the query ran past its 10 s statement timeout (add an indexed filter), or, for a list, no page slot of this instance came free within SWITCHBOARD_WMS_PAGE_SLOT_WAIT", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class WmsReadResource {

    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";
    private static final String TOKEN_DESCRIPTION = "The connection's access token";

    @Inject
    WmsReads reads;
    @Inject
    Caller caller;
    @Context
    UriInfo uri;
    @Inject
    CurrentVertxRequest vertxRequest;
    @Inject
    WmsReadConfig config;

    @GET
    @Path("/orders")
    @Operation(summary = "Get all orders", description = "Orders, in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsOrdersListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listOrders(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.ORDERS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/orders/channels")
    @Operation(summary = "Get all order channels", description = "The sales channels orders come from.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsOrderChannelsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listOrderChannels(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.ORDER_CHANNELS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/orders/{order_id}")
    @Operation(summary = "Get an order", description = "One order.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsOrdersSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getOrder(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.ORDER, orderId, "Order not found",
                path("order_id", orderId)));
    }

    @GET
    @Path("/orders/{order_id}/packs")
    @Operation(summary = "Get an order's packs", description = "How an order was packed: its packs, carrier and line items.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsOrderPacksSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getOrderPacks(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.ORDER_PACKS, orderId, "Order packs not found",
                path("order_id", orderId)));
    }

    @GET
    @Path("/inventory")
    @Operation(summary = "Get all inventory items", description = "Inventory items, in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsInventoryListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listInventory(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.INVENTORY, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/inventory/ledger")
    @Operation(summary = "Get the inventory ledger", description = "Inventory movements (adjustments, receipts, shipments, ...).")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsInventoryLedgerListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listInventoryLedger(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(
                reads.list(caller.tenant(), token, ReadRoute.INVENTORY_LEDGER, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/inventory/{inventory_id}")
    @Operation(summary = "Get an inventory item", description = "One inventory item.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsInventorySingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getInventoryItem(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inventory_id") String inventoryId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.INVENTORY_ITEM, inventoryId, "Inventory item not found",
                path("inventory_id", inventoryId)));
    }

    @GET
    @Path("/products")
    @Operation(summary = "Get all products", description = "Products and kits, in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsProductsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listProducts(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.PRODUCTS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/products/{product_id}")
    @Operation(summary = "Get a product", description = "One product.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsProductsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getProduct(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("product_id") String productId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.PRODUCT, productId, "Product not found",
                path("product_id", productId)));
    }

    @GET
    @Path("/inbound-shipments")
    @Operation(summary = "Get all inbound shipments", description = "Inbound shipments (ASNs), in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsInboundShipmentsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listInboundShipments(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(
                reads.list(caller.tenant(), token, ReadRoute.INBOUND_SHIPMENTS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/inbound-shipments/suppliers")
    @Operation(summary = "Get all inbound shipment suppliers", description = "The suppliers inbound shipments come from.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsInboundShipmentSuppliersListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listInboundShipmentSuppliers(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.INBOUND_SHIPMENT_SUPPLIERS, uri.getQueryParameters(),
                Map.of()));
    }

    @GET
    @Path("/inbound-shipments/{inbound_shipment_id}")
    @Operation(summary = "Get an inbound shipment", description = "One inbound shipment.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsInboundShipmentsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getInboundShipment(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inbound_shipment_id") String inboundShipmentId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.INBOUND_SHIPMENT, inboundShipmentId,
                "Inbound shipment not found", path("inbound_shipment_id", inboundShipmentId)));
    }

    @GET
    @Path("/returns")
    @Operation(summary = "Get all returns", description = "Returns (RMAs), in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsReturnsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listReturns(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.RETURNS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/returns/{return_id}")
    @Operation(summary = "Get a return", description = "One return.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsReturnsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getReturn(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("return_id") String returnId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.RETURN, returnId, "Return not found",
                path("return_id", returnId)));
    }

    @GET
    @Path("/billing")
    @Operation(summary = "Get all bills", description = "Bills (charges), in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsBillsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listBills(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.BILLS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/billing/{bill_id}")
    @Operation(summary = "Get a bill", description = "One bill.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsBillsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getBill(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("bill_id") String billId) {
        return json(
                reads.one(caller.tenant(), token, ReadRoute.BILL, billId, "Bill not found", path("bill_id", billId)));
    }

    @GET
    @Path("/warehouses")
    @Operation(summary = "Get all warehouses", description = "Warehouses, in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsWarehousesListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listWarehouses(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.WAREHOUSES, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/warehouses/{warehouse_id}")
    @Operation(summary = "Get a warehouse", description = "One warehouse.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsWarehousesSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getWarehouse(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("warehouse_id") String warehouseId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.WAREHOUSE, warehouseId, "Warehouse not found",
                path("warehouse_id", warehouseId)));
    }

    @GET
    @Path("/warehouses/{warehouse_id}/locations")
    @Operation(summary = "Get all locations of a warehouse", description = "The warehouse's locations (bins, pallets, ...); 404 when the warehouse is unknown.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsWarehouseLocationsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    @APIResponse(responseCode = "404", description = "No such warehouse: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response listWarehouseLocations(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("warehouse_id") String warehouseId) {
        return stream(reads.list(caller.tenant(), token, ReadRoute.WAREHOUSE_LOCATIONS, uri.getQueryParameters(),
                path("warehouse_id", warehouseId)));
    }

    @GET
    @Path("/warehouses/{warehouse_id}/locations/{location_id}")
    @Operation(summary = "Get a warehouse location", description = "One location of the warehouse.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsWarehouseLocationsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getWarehouseLocation(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("warehouse_id") String warehouseId,
            @PathParam("location_id") String locationId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.WAREHOUSE_LOCATION, locationId,
                "Warehouse location not found", path("warehouse_id", warehouseId, "location_id", locationId)));
    }

    @GET
    @Path("/warehouse-customers")
    @Operation(summary = "Get all warehouse customers", description = "The merchants a 3PL warehouse serves.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsWarehouseCustomersListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listWarehouseCustomers(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(
                reads.list(caller.tenant(), token, ReadRoute.WAREHOUSE_CUSTOMERS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/warehouse-customers/{warehouse_customer_id}")
    @Operation(summary = "Get a warehouse customer", description = "One warehouse customer.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsWarehouseCustomersSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getWarehouseCustomer(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("warehouse_customer_id") String warehouseCustomerId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.WAREHOUSE_CUSTOMER, warehouseCustomerId,
                "Warehouse customer not found", path("warehouse_customer_id", warehouseCustomerId)));
    }

    @GET
    @Path("/shipping-methods")
    @Operation(summary = "Get all shipping methods", description = "Shipping methods, in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsShippingMethodsListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listShippingMethods(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(
                reads.list(caller.tenant(), token, ReadRoute.SHIPPING_METHODS, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/shipping-methods/{shipping_method_id}")
    @Operation(summary = "Get a shipping method", description = "One shipping method.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsShippingMethodsSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getShippingMethod(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("shipping_method_id") String shippingMethodId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.SHIPPING_METHOD, shippingMethodId,
                "Shipping method not found", path("shipping_method_id", shippingMethodId)));
    }

    @GET
    @Path("/labor-activities")
    @Operation(summary = "Get all labor activities", description = "Warehouse labor (picks, packs, put-aways, ...), in record-id order.")
    @APIResponse(responseCode = "200", description = "A page of records: Trackstar's WmsLaborActivitiesListEndpoint", content = @Content(schema = @Schema(implementation = WmsPage.class)))
    public Response listLaborActivities(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token) {
        return stream(
                reads.list(caller.tenant(), token, ReadRoute.LABOR_ACTIVITIES, uri.getQueryParameters(), Map.of()));
    }

    @GET
    @Path("/labor-activities/{labor_activity_id}")
    @Operation(summary = "Get a labor activity", description = "One labor activity.")
    @APIResponse(responseCode = "200", description = "The record: Trackstar's WmsLaborActivitiesSingleItemEndpoint", content = @Content(schema = @Schema(implementation = WmsItem.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response getLaborActivity(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("labor_activity_id") String laborActivityId) {
        return json(reads.one(caller.tenant(), token, ReadRoute.LABOR_ACTIVITY, laborActivityId,
                "Labor activity not found", path("labor_activity_id", laborActivityId)));
    }

    private static Map<String, String> path(String... nameValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], nameValues[i + 1]);
        }
        return parameters;
    }

    /**
     * The list page streamed to the client ({@link WmsReads.ListPage}), on this worker thread. The response's end
     * handler releases a page that was never written (a failure between here and the body writer, or a client gone
     * before it); it also cancels the send deadline, which cuts a response still being sent after
     * {@link WmsReadConfig#pageSendTimeout()}: a client that reads slowly or not at all holds a pooled database
     * connection while its
     * page is sent, and this is what bounds how long.
     */
    private Response stream(WmsReads.ListPage page) {
        try {
            RoutingContext routing = vertxRequest.getCurrent();
            Vertx vertx = routing.vertx();
            HttpServerResponse response = routing.response();
            long deadline = vertx.setTimer(config.pageSendTimeout().toMillis(), id -> {
                if (!response.ended()) {
                    // The writer's blocked write fails and the page is released.
                    cut(routing);
                }
                // And a page nobody took by now is released whatever else happened (a no-op for a page written).
                releaseUntaken(vertx, page);
            });
            routing.addEndHandler(ended -> {
                vertx.cancelTimer(deadline);
                releaseUntaken(vertx, page);
            });
            if (response.closed() || response.ended()) {
                // The client went away while the page was prepared (wrk closing its connections at the end of a
                // warm-up did): the end handler, added after the close, will not run and the body will not be
                // written. Without this the page kept its pooled connection and its slot for good: ten such
                // requests and every later list was a 503 (bench/results/2026-12-03-1822-wms.md).
                vertx.cancelTimer(deadline);
                page.close();
            }
            // The request's context, on its connection's event loop (Quarkus runs this method with it current).
            io.vertx.core.Context eventLoop = Vertx.currentContext();
            StreamingOutput body = out -> {
                try {
                    page.write(eventLoop == null ? out : new Paced(out, eventLoop, config.pageSendTimeout()));
                } catch (IOException | RuntimeException e) {
                    cut(routing);
                    throw e;
                }
            };
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
    }

    /** Releases a page nobody took (closing a JDBC connection blocks: not on the event loop). */
    private static void releaseUntaken(Vertx vertx, WmsReads.ListPage page) {
        if (page.untaken()) {
            vertx.executeBlocking(() -> {
                page.close();
                return null;
            }, false);
        }
    }

    /**
     * Ends a page's response that cannot be finished (past its deadline, or a failure after its first byte). Vert.x's
     * reset marks the response closed, which wakes and fails the writer's blocked write, so the page is released; on
     * HTTP/1.1 it closes the connection once the bytes already queued are flushed. {@code WmsPagingTest} covers the
     * deadline's cut; draft tests saw the final chunk still sent after it (docs/ARCHITECTURE.md, the read path).
     */
    private static void cut(RoutingContext routing) {
        routing.response().reset();
    }

    /**
     * Quarkus's response stream, paced by the connection's event loop. That stream blocks while the connection's
     * write queue is full, but a write from a worker thread is first queued as a task on the event loop, where the
     * queue does not count it: on a busy machine (bench W2: 32 pages of ~3 MB, 2 cores) the workers queued whole pages
     * there before the event loop took them, and the pages' buffers ran direct memory out (129 MB,
     * {@code OutOfMemoryError}). So after each write this waits until the event loop has run a task queued behind
     * it: the write is then in the connection's queue, and the next write blocks while that is full. A page has at
     * most one write ({@link WmsReads.ListPage#FLUSH_BYTES}) plus the connection's queue in flight.
     */
    static final class Paced extends OutputStream {

        private final OutputStream out;
        private final io.vertx.core.Context eventLoop;
        private final Duration timeout;

        Paced(OutputStream out, io.vertx.core.Context eventLoop, Duration timeout) {
            this.out = out;
            this.eventLoop = eventLoop;
            this.timeout = timeout;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            CompletableFuture<Void> reached = new CompletableFuture<>();
            eventLoop.runOnContext(ignored -> reached.complete(null));
            try {
                reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while a page was sent");
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("the connection's event loop did not take a page's write", e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
