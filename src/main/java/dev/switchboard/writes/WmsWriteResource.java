package dev.switchboard.writes;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.auth.Caller;
import dev.switchboard.catalog.Action;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.magiclink.IdempotencyStore;

/**
 * Trackstar's unified WMS write API: each route forwards one write to the connection's system synchronously
 * ({@link WmsWrites}) and answers {@code {"data", "id", "unused_fields"}}, the record as the system now has it (also
 * in the store at once, with its webhook). The {@code trackstar-tags} routes change only Switchboard's own tags.
 * Key (write scope) and access token as on the reads.
 */
@Path("/wms")
@Tag(name = "WMS writes", description = "Trackstar's unified WMS write API: changes forwarded to the connection's "
        + "system at once. Send the API key and the connection's access token (x-trackstar-access-token).")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid API key, or INVALID_ACCESS_TOKEN: missing, malformed, unknown or deleted, or of another organization or environment; or the system refused the connection's credentials (origin: integration)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "403", description = "Organization suspended, or ENDPOINT_DISABLED: the link that installed the connection disabled this action", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in flight", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "422", description = "Validation error: a null or empty field, a wrong type, a missing required field (at json.<field>), or an Idempotency-Key used for another request", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
@APIResponse(responseCode = "501", description = "NOT_IMPLEMENTED: the connection's integration does not offer this action (Endpoint update_order is not implemented for ShipBob)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class WmsWriteResource {

    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";
    private static final String TOKEN_DESCRIPTION = "The connection's access token";
    private static final String BODY_DESCRIPTION = "Trackstar's base schema of the action plus the integration's own "
            + "fields, flat; GET /integrations/wms/{integration_name} lists them under write_operations. Every field "
            + "is non-nullable (null, \"\", \"null\" and \"none\" are 422s): omit it instead. Fields the "
            + "integration does not take are not sent and come back in unused_fields.";
    private static final String IDEMPOTENCY_DESCRIPTION = "Makes a retry safe, per connection for 24 hours: the same "
            + "key with the same request replays the first success (Idempotent-Replayed: true).";
    private static final String TAGS_DESCRIPTION = "Replaces the record's trackstar_tags (strings, or objects of one "
            + "key and a string value; at most 100). Kept by Switchboard only, never sent to the system; filter the "
            + "lists with trackstar_tags[contains] and trackstar_tags[not_contains].";

    @Inject
    WmsWrites writes;
    @Inject
    Caller caller;
    @Inject
    WmsPassthrough passthrough;

    /** The body of a tags route, for the API documentation. */
    @Schema(name = "TrackstarTagsInput")
    public record TagsInput(
            @Schema(required = true, description = "The tags: strings, or objects of one key and a string value", maxItems = 100) List<Object> trackstarTags) {
    }

    @POST
    @Path("/orders")
    @Operation(summary = "Create an order", description = "Creates an order in the connection's system (body: the integration's CreateOrder fields, see write_operations).")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    public Response createOrder(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.CREATE_ORDER, null, null, body, idempotencyKey));
    }

    @PUT
    @Path("/orders/{order_id}")
    @Operation(summary = "Update an order", description = "Changes an order in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateOrder(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(
                writes.write(caller.tenant(), token, Action.UPDATE_ORDER, "order_id", orderId, body, idempotencyKey));
    }

    @PUT
    @Path("/orders/{order_id}/cancel")
    @Operation(summary = "Cancel an order", description = "Cancels an order in the connection's system. No body.")
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response cancelOrder(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey) {
        return answer(
                writes.write(caller.tenant(), token, Action.CANCEL_ORDER, "order_id", orderId, null, idempotencyKey));
    }

    @POST
    @Path("/orders/{order_id}/shipments")
    @Operation(summary = "Create an order shipment", description = "Records a shipment of an order in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response createOrderShipment(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.CREATE_ORDER_SHIPMENT, "order_id", orderId, body,
                idempotencyKey));
    }

    @POST
    @Path("/products")
    @Operation(summary = "Create a product", description = "Creates a product in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    public Response createProduct(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.CREATE_PRODUCT, null, null, body, idempotencyKey));
    }

    @PUT
    @Path("/products/{product_id}")
    @Operation(summary = "Update a product", description = "Changes a product in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateProduct(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("product_id") String productId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.UPDATE_PRODUCT, "product_id", productId, body,
                idempotencyKey));
    }

    @POST
    @Path("/kits")
    @Operation(summary = "Create a kit", description = "Creates a kit (a product made of inventory items) in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    public Response createKit(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.CREATE_KIT, null, null, body, idempotencyKey));
    }

    @PUT
    @Path("/kits/{kit_id}")
    @Operation(summary = "Update a kit", description = "Changes a kit in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateKit(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("kit_id") String kitId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.UPDATE_KIT, "kit_id", kitId, body, idempotencyKey));
    }

    @POST
    @Path("/inbound-shipments")
    @Operation(summary = "Create an inbound shipment", description = "Creates an inbound shipment (a receiving order) in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    public Response createInboundShipment(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(
                writes.write(caller.tenant(), token, Action.CREATE_INBOUND_SHIPMENT, null, null, body, idempotencyKey));
    }

    @PUT
    @Path("/inbound-shipments/{inbound_shipment_id}")
    @Operation(summary = "Update an inbound shipment", description = "Changes an inbound shipment in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateInboundShipment(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inbound_shipment_id") String inboundShipmentId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.UPDATE_INBOUND_SHIPMENT, "inbound_shipment_id",
                inboundShipmentId, body, idempotencyKey));
    }

    @PUT
    @Path("/inbound-shipments/{inbound_shipment_id}/receive")
    @Operation(summary = "Receive an inbound shipment", description = "Records a receipt of an inbound shipment's units in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response receiveInboundShipment(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inbound_shipment_id") String inboundShipmentId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.RECEIVE_INBOUND_SHIPMENT, "inbound_shipment_id",
                inboundShipmentId, body, idempotencyKey));
    }

    @POST
    @Path("/returns")
    @Operation(summary = "Create a return", description = "Creates a return in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    public Response createReturn(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.CREATE_RETURN, null, null, body, idempotencyKey));
    }

    @PUT
    @Path("/returns/{return_id}")
    @Operation(summary = "Update a return", description = "Changes a return in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateReturn(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("return_id") String returnId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.UPDATE_RETURN, "return_id", returnId, body,
                idempotencyKey));
    }

    @PUT
    @Path("/inventory/{inventory_id}/adjust")
    @Operation(summary = "Adjust inventory", description = "Increases or decreases an inventory item's quantity in the connection's system.")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = BODY_DESCRIPTION, content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = IDEMPOTENCY_DESCRIPTION, schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The record as the system now has it", content = @Content(schema = @Schema(implementation = WmsWritten.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response adjustInventory(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inventory_id") String inventoryId,
            @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
            JsonNode body) {
        return answer(writes.write(caller.tenant(), token, Action.ADJUST_INVENTORY, "inventory_id", inventoryId, body,
                idempotencyKey));
    }

    @PUT
    @Path("/orders/{order_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of an order", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagOrders(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("order_id") String orderId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "orders", "order_id", orderId, body));
    }

    @PUT
    @Path("/products/{product_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of a product", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagProducts(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("product_id") String productId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "products", "product_id", productId, body));
    }

    @PUT
    @Path("/inventory/{inventory_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of an inventory item", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagInventory(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inventory_id") String inventoryId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "inventory", "inventory_id", inventoryId, body));
    }

    @PUT
    @Path("/inbound-shipments/{inbound_shipment_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of an inbound shipment", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagInboundShipments(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("inbound_shipment_id") String inboundShipmentId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "inbound-shipments", "inbound_shipment_id", inboundShipmentId,
                body));
    }

    @PUT
    @Path("/returns/{return_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of a return", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagReturns(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("return_id") String returnId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "returns", "return_id", returnId, body));
    }

    @PUT
    @Path("/warehouses/{warehouse_id}/trackstar-tags")
    @Operation(summary = "Set the trackstar tags of a warehouse", description = TAGS_DESCRIPTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = TagsInput.class)))
    @APIResponse(responseCode = "200", description = "The record with its new tags", content = @Content(schema = @Schema(implementation = WmsWritten.class)))
    @APIResponse(responseCode = "404", description = "No such record: {\"error\", \"id\"}", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response tagWarehouses(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            @PathParam("warehouse_id") String warehouseId, JsonNode body) {
        return answer(writes.tag(caller.tenant(), token, "warehouses", "warehouse_id", warehouseId, body));
    }

    @POST
    @Path("/passthrough")
    @Operation(summary = "Passthrough request", description = "Sends a request to the connection's system's own API "
            + "with its auth injected (the path stays on the system's API: no host, no .., no auth header from you) "
            + "on the same budget as syncs, and answers the system's status, headers and body whatever they are. Not "
            + "normalised, stored or webhooked. 501 for a system without passthrough (the sandbox).")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = PassthroughInput.class)))
    @APIResponse(responseCode = "200", description = "The system's answer", content = @Content(schema = @Schema(implementation = PassthroughOutput.class)))
    public Response passthrough(
            @Parameter(required = true, description = TOKEN_DESCRIPTION) @HeaderParam(ACCESS_TOKEN_HEADER) String token,
            WmsPassthrough.Input body) {
        return answer(passthrough.send(caller.tenant(), token, body));
    }

    /** The passthrough body, for the API documentation. */
    @Schema(name = "PassthroughInput")
    public record PassthroughInput(
            @Schema(required = true, enumeration = {
                    "GET", "POST", "PUT", "PATCH", "DELETE" }) String method,
            @Schema(required = true, description = "A path on the system's API, such as /2026-01/order", maxLength = 2048) String path,
            @Schema(description = "The JSON body to send") Object data,
            @Schema(description = "Extra headers (never auth; at most 50)") Map<String, String> headers,
            @Schema(description = "Query parameters (at most 50)") Map<String, String> params){
    }

    /** The passthrough answer, for the API documentation. */
    @Schema(name = "PassthroughOutput")
    public record PassthroughOutput(@Schema(required = true) int statusCode,
            @Schema(required = true) Map<String, String> headers,
            @Schema(required = true, description = "JSON when the system answered JSON, else its text") Object body) {
    }

    private static Response answer(WmsWrites.Outcome outcome) {
        Response.ResponseBuilder response = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(outcome.body());
        if (outcome.replayed()) {
            response.header(IdempotencyStore.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
