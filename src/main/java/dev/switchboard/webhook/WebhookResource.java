package dev.switchboard.webhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.RequiresScope;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.QueryParams;
import dev.switchboard.tenant.Scope;
import dev.switchboard.webhook.WebhookDtos.CreateWebhookInput;
import dev.switchboard.webhook.WebhookDtos.CreatedWebhook;
import dev.switchboard.webhook.WebhookDtos.DeliveryList;
import dev.switchboard.webhook.WebhookDtos.DeliveryView;
import dev.switchboard.webhook.WebhookDtos.UpdateWebhookInput;
import dev.switchboard.webhook.WebhookDtos.WebhookList;
import dev.switchboard.webhook.WebhookDtos.WebhookSecret;
import dev.switchboard.webhook.WebhookDtos.WebhookView;

@Path("/webhooks")
@Tag(name = "Webhooks", description = "Endpoints that receive the organization's events, signed (Standard Webhooks), "
        + "retried for about 28 hours, and observable (scope admin). Per organization and environment.")
@SecurityRequirement(name = "SecurityScheme")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the admin scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class WebhookResource {

    static final int MAX_DESCRIPTION = 255;
    /** More than every event type, so only a hostile body reaches it. */
    static final int MAX_EVENTS = 50;

    @Inject
    Clock clock;
    @Inject
    WebhookService webhooks;
    @Inject
    UrlGuard guard;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create a webhook endpoint", description = "At most 10 per organization and environment. "
            + "The response carries the signing secret (whsec_...), which GET /webhooks/{id}/secret also shows.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedWebhook.class)))
    @APIResponse(responseCode = "409", description = "10 endpoints already (WEBHOOK_LIMIT_REACHED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error (also: a URL that is not public https)", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public CreatedWebhook create(CreateWebhookInput input) {
        ValidationProblem.requireBody(input);
        ValidationProblem problem = new ValidationProblem();
        if (input.url() == null) {
            problem.add(ValidationProblem.JSON, "url", "Missing data for required field.");
        } else {
            checkUrl(problem, input.url());
        }
        List<String> events = checkEvents(problem, input.events());
        checkDescription(problem, input.description());
        problem.throwIfAny();
        SignatureScheme scheme = input.signatureScheme() == null
                ? SignatureScheme.STANDARD_WEBHOOKS
                : input.signatureScheme();
        String description = input.description() == null || input.description().isEmpty() ? null : input.description();
        WebhookService.WithSecret created = webhooks.create(caller.tenant(), input.url(),
                events == null ? List.of() : events,
                description, scheme);
        return CreatedWebhook.of(created.endpoint(), created.secret());
    }

    @GET
    @Operation(summary = "List webhook endpoints", description = "Oldest first.")
    @APIResponse(responseCode = "200", description = "The endpoints", content = @Content(schema = @Schema(implementation = WebhookList.class)))
    public WebhookList list() {
        return new WebhookList(webhooks.list(caller.tenant()).stream().map(WebhookView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(webhooks.get(caller.tenant(), id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a webhook endpoint", description = "url, events, description, enabled; only the fields given. "
            + "Disabling fails the deliveries still queued for it.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public WebhookView update(@PathParam("id") String id, UpdateWebhookInput input) {
        ValidationProblem.requireBody(input);
        ValidationProblem problem = new ValidationProblem();
        if (input.url() != null) {
            checkUrl(problem, input.url());
        }
        List<String> events = checkEvents(problem, input.events());
        checkDescription(problem, input.description());
        problem.throwIfAny();
        return WebhookView.of(webhooks.update(caller.tenant(), id,
                new WebhookService.Changes(input.url(), events, input.description(), input.enabled())));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a webhook endpoint", description = "Its queued deliveries are dropped.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public void delete(@PathParam("id") String id) {
        webhooks.delete(caller.tenant(), id);
    }

    @GET
    @Path("/{id}/secret")
    @Operation(summary = "Get the signing secret")
    @APIResponse(responseCode = "200", description = "The secret", content = @Content(schema = @Schema(implementation = WebhookSecret.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public WebhookSecret secret(@PathParam("id") String id) {
        WebhookService.WithSecret s = webhooks.secret(caller.tenant(), id);
        return new WebhookSecret(s.secret(), previousExpiry(s.endpoint()));
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret", description = "Returns the new secret. For 24 hours every delivery "
            + "carries signatures with both the new and the previous secret, so receivers can switch without losing any.")
    @APIResponse(responseCode = "200", description = "The new secret", content = @Content(schema = @Schema(implementation = WebhookSecret.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public WebhookSecret rotate(@PathParam("id") String id) {
        WebhookService.WithSecret s = webhooks.rotate(caller.tenant(), id);
        return new WebhookSecret(s.secret(), previousExpiry(s.endpoint()));
    }

    @POST
    @Path("/{id}/test")
    @ResponseStatus(202)
    @Operation(summary = "Send a test event", description = "Queues a webhook.test event for this endpoint, whatever it subscribes to.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled (WEBHOOK_DISABLED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeliveryView test(@PathParam("id") String id) {
        DeliveryView queued = DeliveryView.of(webhooks.sendTest(caller.tenant(), id));
        dispatcher.wake();
        return queued;
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List an endpoint's deliveries", description = "Newest first; keyset-paged: pass the last id "
            + "(next_starting_after) as starting_after. Optional status filter.")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(schema = @Schema(implementation = DeliveryList.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Bad limit, status or starting_after", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public DeliveryList deliveries(@PathParam("id") String id, @QueryParam("limit") String limitParam,
            @QueryParam("status") String statusParam, @QueryParam("starting_after") String startingAfter) {
        int limit = QueryParams.intParam("limit", limitParam, 20, 1, 100);
        DeliveryStatus status = QueryParams.wireValue(ValidationProblem.QUERY, "status", statusParam,
                DeliveryStatus.class);
        webhooks.get(caller.tenant(), id);
        WebhookDelivery cursor = null;
        if (startingAfter != null && !startingAfter.isEmpty()) {
            cursor = webhooks.cursor(caller.tenant(), id, startingAfter);
            if (cursor == null) {
                throw ValidationProblem.of(ValidationProblem.QUERY, "starting_after",
                        "Not a delivery of this webhook.");
            }
        }
        WebhookService.Page page = webhooks.deliveries(caller.tenant(), id, status, cursor, limit);
        List<DeliveryView> views = page.deliveries().stream().map(DeliveryView::of).toList();
        return new DeliveryList(views, page.hasMore(), page.hasMore() ? views.get(views.size() - 1).id() : null);
    }

    @POST
    @Path("/deliveries/{delivery_id}/redeliver")
    @ResponseStatus(202)
    @Operation(summary = "Send a delivery again", description = "Queues the same event (same id) as a new delivery. "
            + "Only finished deliveries of enabled endpoints; events that carried an access token cannot be resent.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "WEBHOOK_DISABLED, DELIVERY_IN_PROGRESS or PAYLOAD_UNAVAILABLE", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeliveryView redeliver(@PathParam("delivery_id") String deliveryId) {
        DeliveryView queued = DeliveryView.of(webhooks.redeliver(caller.tenant(), deliveryId));
        dispatcher.wake();
        return queued;
    }

    private void checkUrl(ValidationProblem problem, String url) {
        guard.checkForSave(url).ifPresent(message -> problem.add(ValidationProblem.JSON, "url", message));
    }

    /** The events, deduplicated in the order given; null when absent. */
    private static List<String> checkEvents(ValidationProblem problem, List<String> events) {
        if (events == null) {
            return null;
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        if (events.size() > MAX_EVENTS) {
            problem.add(ValidationProblem.JSON, "events", "Longer than maximum length " + MAX_EVENTS + " entries.");
            return List.of();
        }
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null) {
                problem.add(ValidationProblem.JSON, "events." + i, "Field may not be null.");
            } else if (!EventTypes.SUBSCRIBABLE.contains(event)) {
                problem.add(ValidationProblem.JSON, "events." + i,
                        "Must be one of: " + String.join(", ", EventTypes.SUBSCRIBABLE) + ".");
            } else {
                unique.add(event);
            }
        }
        return new ArrayList<>(unique);
    }

    private static void checkDescription(ValidationProblem problem, String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problem.add(ValidationProblem.JSON, "description", "Longer than maximum length " + MAX_DESCRIPTION + ".");
        }
    }

    private java.time.Instant previousExpiry(WebhookEndpoint endpoint) {
        return endpoint.previousSecretExpiresAt != null && endpoint.previousSecretExpiresAt.isAfter(clock.instant())
                ? endpoint.previousSecretExpiresAt
                : null;
    }
}
