package dev.switchboard.magiclink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.RequiresScope;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.NotFoundBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.QueryParams;
import dev.switchboard.magiclink.MagicLinkDtos.ActivityResponse;
import dev.switchboard.magiclink.MagicLinkDtos.DeletedMagicLink;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkInput;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkPatch;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkResponse;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinksResponse;
import dev.switchboard.magiclink.MagicLinkDtos.VersionsResponse;
import dev.switchboard.tenant.Scope;
import dev.switchboard.tenant.Tenant;

@Path("/magic-links")
@Tag(name = "Magic links", description = "Links an organization sends its customers to connect their systems "
        + "(Trackstar's contract), with a lifecycle, filters and an audit trail.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class MagicLinkResource {

    static final String ENDPOINT = "POST /magic-links";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String NEXT_PAGE_TOKEN = "x-next-page-token";
    static final String TOTAL_COUNT = "x-total-count";

    @Inject
    MagicLinkService links;
    @Inject
    MagicLinkValidator validator;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create Magic Link", description = "A link for one customer to connect one system. With an "
            + "Idempotency-Key (at most 255 characters, kept 24 hours per organization and environment) a retried "
            + "request replays the first response with Idempotent-Replayed: true.")
    @Parameter(name = IdempotencyStore.HEADER, in = ParameterIn.HEADER, required = false, description = "Makes a retry safe: the same key with the same body returns the first response.", schema = @Schema(maxLength = 255))
    @APIResponse(responseCode = "200", description = "The new link", content = @Content(schema = @Schema(implementation = MagicLinkResponse.class)), headers = @Header(name = IdempotencyStore.REPLAYED_HEADER, description = "true when this is a replayed response", schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in flight", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error, or the Idempotency-Key was used for another request "
            + "(headers.Idempotency-Key)", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public Response create(MagicLinkInput input, @HeaderParam(IdempotencyStore.HEADER) String rawKey) {
        String key = IdempotencyStore.checkKey(rawKey);
        LinkSpec spec = validator.validate(ValidationProblem.requireBody(input));
        Tenant tenant = caller.tenant();
        if (key == null) {
            return Response.ok(links.create(tenant, spec, null)).build();
        }
        IdempotencyStore.Claim claim = idempotency.claim(tenant, key, idempotency.requestHash(ENDPOINT, input));
        if (!claim.owned()) {
            return Response.status(claim.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(claim.body())
                    .header(IdempotencyStore.REPLAYED_HEADER, "true").build();
        }
        try {
            return Response.ok(links.create(tenant, spec, key)).build();
        } catch (RuntimeException e) {
            idempotency.release(tenant, key);
            throw e;
        }
    }

    @GET
    @RequiresScope(Scope.WRITE)
    @Operation(summary = "Get Magic Links", description = "Scope write: a link's id and url are bearer credentials "
            + "(they install a connection), so a read key sees none. Newest first, revoked links left out unless status=revoked. "
            + "Keyset pagination: the next page's token is in the x-next-page-token header and in Link: <...>; rel=\"next\" "
            + "(absent on the last page). include_total=true adds x-total-count, which costs a count over every match.")
    @APIResponse(responseCode = "200", description = "One page of links", content = @Content(schema = @Schema(implementation = MagicLinksResponse.class)), headers = {
            @Header(name = NEXT_PAGE_TOKEN, description = "page_token of the next page", schema = @Schema(implementation = String.class)),
            @Header(name = "Link", description = "RFC 8288 link to the next page, rel=\"next\"", schema = @Schema(implementation = String.class)),
            @Header(name = TOTAL_COUNT, description = "Links matching the filters (include_total=true only)", schema = @Schema(implementation = Long.class)) })
    @APIResponse(responseCode = "422", description = "Invalid query parameter", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public Response list(
            @Parameter(description = "Only links for this customer_id") @QueryParam("customer_id") String customerId,
            @Parameter(description = "wms, freight, cart, carrier or erp") @QueryParam("integration_type") String integrationType,
            @Parameter(description = "created, opened, completed, revoked or expired (derived: past expires_at, never completed)") @QueryParam("status") String status,
            @Parameter(description = "active (neither expired nor revoked) or expired") @QueryParam("visibility") String visibility,
            @Parameter(description = "Created at or after (ISO 8601; a date means its start, UTC)") @QueryParam("created_from") String createdFrom,
            @Parameter(description = "Created at or before (ISO 8601; a date means its whole day, UTC)") @QueryParam("created_to") String createdTo,
            @Parameter(description = "1..1000, default 100", schema = @Schema(minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Parameter(description = "From x-next-page-token of the previous page") @QueryParam("page_token") String pageToken,
            @Parameter(description = "true adds x-total-count (slower on large lists)") @QueryParam("include_total") String includeTotal,
            @Context UriInfo uri) {
        ValidationProblem problem = new ValidationProblem();
        Instant from = instant(problem, "created_from", createdFrom, false);
        Instant to = instant(problem, "created_to", createdTo, true);
        if (from != null && to != null && to.isBefore(from)) {
            problem.add(ValidationProblem.QUERY, "created_to", "Must not be before created_from.");
        }
        LinkFilter filter = new LinkFilter(
                collect(problem,
                        () -> QueryParams.stringParam("customer_id", customerId, MagicLinkValidator.MAX_CUSTOMER_ID)),
                collect(problem,
                        () -> QueryParams.wireValue(ValidationProblem.QUERY, "integration_type", integrationType,
                                IntegrationType.class)),
                collect(problem,
                        () -> QueryParams.wireValue(ValidationProblem.QUERY, "status", status, LinkStatus.class)),
                collect(problem,
                        () -> QueryParams.wireValue(ValidationProblem.QUERY, "visibility", visibility,
                                Visibility.class)),
                from, to);
        Integer size = collect(problem, () -> QueryParams.intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        KeysetCursor after = pageToken == null || pageToken.isEmpty()
                ? null
                : collect(problem, () -> KeysetCursor.decode(pageToken));
        boolean total = bool(problem, "include_total", includeTotal);
        problem.throwIfAny();
        MagicLinkService.Page page = links.list(caller.tenant(), filter, size, after, total);
        Response.ResponseBuilder response = Response.ok(new MagicLinksResponse(page.links()));
        page.nextPageToken().ifPresent(token -> {
            String next = links.publicUrl() + "/magic-links?" + withPageToken(uri.getRequestUri().getRawQuery(), token);
            response.header(NEXT_PAGE_TOKEN, token).header("Link", "<" + next + ">; rel=\"next\"");
        });
        page.total().ifPresent(count -> response.header(TOTAL_COUNT, count));
        return response.build();
    }

    @GET
    @Path("/{magic_link_id}")
    @RequiresScope(Scope.WRITE)
    @Operation(summary = "Get Magic Link", description = "Scope write (its url is a bearer credential). A link of the calling organization and environment; revoked links are 404.")
    @APIResponse(responseCode = "200", description = "The link", content = @Content(schema = @Schema(implementation = MagicLinkResponse.class)))
    @APIResponse(responseCode = "404", description = "Not found: {\"error\":\"Magic link not found\",\"id\":\"...\"}", content = @Content(schema = @Schema(implementation = NotFoundBody.class)))
    public MagicLinkResponse one(@PathParam("magic_link_id") String id) {
        return new MagicLinkResponse(links.find(caller.tenant(), id));
    }

    @PATCH
    @Path("/{magic_link_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit Magic Link", description = "Switchboard extension. Changes any of "
            + "integration_allow_list, integration_block_list, integrations_with_endpoints, customer_id, redirect_url, "
            + "metadata, disabled_functions and expires_at (at least one; null clears all but expires_at), held to the "
            + "rules of create. The state before is kept as a version (GET /magic-links/{id}/versions); an edited "
            + "activity event and a magic_link.updated webhook with previous_attributes are recorded. Concurrent "
            + "edits are applied one after the other, each keeping the state it replaced; repeating an edit changes "
            + "nothing the second time. A customer with the link open sees the new offer at the next step.")
    @APIResponse(responseCode = "200", description = "The link after the edit", content = @Content(schema = @Schema(implementation = MagicLinkResponse.class)))
    @APIResponse(responseCode = "404", description = "Not found: {\"error\":\"Magic link not found\",\"id\":\"...\"}", content = @Content(schema = @Schema(implementation = NotFoundBody.class)))
    @APIResponse(responseCode = "409", description = "MAGIC_LINK_NOT_EDITABLE: the link is completed, revoked or expired", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error (create's rules and messages; an empty body; "
            + "an unknown field); nothing was changed", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public MagicLinkResponse edit(@PathParam("magic_link_id") String id, MagicLinkPatch patch) {
        return links.edit(caller.tenant(), caller.keyId(), id, ValidationProblem.requireBody(patch));
    }

    @GET
    @Path("/{magic_link_id}/versions")
    @Operation(summary = "Magic link versions", description = "Switchboard extension. The states the link had before "
            + "its edits, newest first: version_id, version (1 is the link as created), created_at (when the edit "
            + "was made), api_key_id (the key that made it) and the full editable state. Kept forever, also after "
            + "the link is revoked. Keyset pagination: pass next_token as page_token.")
    @APIResponse(responseCode = "200", description = "One page of versions", content = @Content(schema = @Schema(implementation = VersionsResponse.class)))
    @APIResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Invalid query parameter", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public VersionsResponse versions(@PathParam("magic_link_id") String id,
            @Parameter(description = "1..100, default 20", schema = @Schema(minimum = "1", maximum = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "next_token of the previous page") @QueryParam("page_token") String pageToken) {
        ValidationProblem problem = new ValidationProblem();
        Integer size = collect(problem, () -> QueryParams.intParam("limit", limit, 20, 1, 100));
        KeysetCursor after = collect(problem, () -> KeysetCursor.parse(pageToken));
        problem.throwIfAny();
        return links.versions(caller.tenant(), id, size, after);
    }

    @DELETE
    @Path("/{magic_link_id}")
    @Operation(summary = "Delete Magic Link", description = "Revokes the link: it stops working at once and is kept for "
            + "the audit trail. Deleting it again is 404.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = DeletedMagicLink.class)))
    @APIResponse(responseCode = "404", description = "Not found, or already revoked", content = @Content(schema = @Schema(implementation = NotFoundBody.class)))
    @APIResponse(responseCode = "422", description = "reason longer than 500 characters", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public DeletedMagicLink revoke(@PathParam("magic_link_id") String id,
            @Parameter(description = "Why, for the audit trail (at most 500 characters)") @QueryParam("reason") String reason) {
        String why = QueryParams.stringParam("reason", reason, 500);
        MagicLink link = links.revoke(caller.tenant(), id, why == null || why.isEmpty() ? null : why);
        return new DeletedMagicLink(link.id, "magic_link", true);
    }

    @GET
    @Path("/{magic_link_id}/activity")
    @Operation(summary = "Magic link activity", description = "The link's audit trail, oldest first: created, opened, edited, "
            + "integration_selected, completed, failed, revoked, expired. Revoked links have one too.")
    @APIResponse(responseCode = "200", description = "The events", content = @Content(schema = @Schema(implementation = ActivityResponse.class)))
    @APIResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ActivityResponse activity(@PathParam("magic_link_id") String id) {
        return new ActivityResponse(links.activity(caller.tenant(), id));
    }

    /** The request's query as sent (still encoded), with {@code page_token} replaced: the next page's query. */
    static String withPageToken(String rawQuery, String token) {
        StringBuilder query = new StringBuilder();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty() && !pair.equals("page_token") && !pair.startsWith("page_token=")) {
                    query.append(pair).append('&');
                }
            }
        }
        return query.append("page_token=").append(token).toString(); // base64url: nothing to encode
    }

    private static <T> T collect(ValidationProblem problem, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ValidationProblem p) {
            p.body().detail().forEach((location, fields) -> fields
                    .forEach((field, messages) -> messages.forEach(message -> problem.add(location, field, message))));
            return null;
        }
    }

    private static boolean bool(ValidationProblem problem, String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        problem.add(ValidationProblem.QUERY, name, "Not a valid boolean.");
        return false;
    }

    /**
     * ISO 8601 with an offset ({@code 2026-01-01T00:00:00Z}) or a date; a date as an upper bound means its whole day.
     */
    private static Instant instant(ValidationProblem problem, String name, String raw, boolean upperBound) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            try {
                LocalDate day = LocalDate.parse(raw);
                return upperBound
                        ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.MICROS)
                        : day.atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                problem.add(ValidationProblem.QUERY, name,
                        "Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z).");
                return null;
            }
        }
    }
}
