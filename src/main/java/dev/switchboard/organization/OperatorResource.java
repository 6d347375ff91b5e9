package dev.switchboard.organization;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.switchboard.auth.OperatorApi;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.KeysetPage;
import dev.switchboard.http.QueryParams;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.OrganizationStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The platform operator's API: creates tenants and suspends them. Exists only when SWITCHBOARD_ADMIN_TOKEN is set
 * (otherwise every route is 404) and is authenticated with {@code Authorization: Bearer <that token>}.
 */
@Path("/admin/organizations")
@OperatorApi
@Tag(name = "Operator", description = "Platform operator API (Authorization: Bearer SWITCHBOARD_ADMIN_TOKEN). 404 when no token is configured.")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or wrong operator token", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "404", description = "Operator API disabled, or no such organization", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "429", description = "Too many wrong tokens from this address", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class OperatorResource {

    @Schema(name = "CreateOrganizationInput", additionalProperties = Schema.False.class)
    @RegisterForReflection
    public record CreateOrganizationInput(
            @Schema(required = true, maxLength = 200, examples = "Acme Logistics") @NotBlank @Size(max = 200) String name) {
    }

    @Schema(name = "Organization")
    @RegisterForReflection
    public record OrganizationView(@Schema(required = true, examples = "org_4fZq1xV9bT0cLmN2pQ4rS6uW") String id,
            @Schema(required = true) String name,
            @Schema(required = true, enumeration = {
                    "active", "suspended" }) OrganizationStatus status,
            @Schema(required = true) Instant createdAt){

        static OrganizationView of(Organization org) {
            return new OrganizationView(org.id, org.name, org.status, org.createdAt);
        }
    }

    @Schema(name = "InitialApiKey")
    @RegisterForReflection
    public record InitialKey(@Schema(required = true) Environment environment,
            @Schema(required = true, description = "An admin key, shown only this once.") String key) {
    }

    @Schema(name = "CreatedOrganization")
    @RegisterForReflection
    public record CreatedOrganization(@Schema(required = true) String id, @Schema(required = true) String name,
            @Schema(required = true) OrganizationStatus status, @Schema(required = true) Instant createdAt,
            @Schema(required = true, description = "The organization's first admin keys: test, then live.") List<InitialKey> apiKeys) {
    }

    @Schema(name = "OrganizationList")
    @RegisterForReflection
    public record OrganizationList(@Schema(required = true) List<OrganizationView> data,
            @Schema(required = true, nullable = true, description = "Pass as page_token for the next page; null on the last.") String nextToken) {
    }

    @Inject
    OrganizationService organizations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create an organization", description = "Returns it with its first two admin keys (test and live), shown only once.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedOrganization.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public CreatedOrganization create(@Valid CreateOrganizationInput input) {
        ValidationProblem.requireBody(input);
        OrganizationService.Created created = organizations.create(input.name().strip());
        Organization org = created.organization();
        return new CreatedOrganization(org.id, org.name, org.status, org.createdAt, created.keys().stream()
                .map(k -> new InitialKey(k.environment(), k.secret())).toList());
    }

    @GET
    @Operation(summary = "List organizations", description = "Oldest first, in pages of `limit` (1..1000, default 100).")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = OrganizationList.class)))
    @APIResponse(responseCode = "422", description = "Bad limit or page token", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public OrganizationList list(@QueryParam("limit") String limitParam, @QueryParam("page_token") String pageToken) {
        int limit = QueryParams.intParam("limit", limitParam, 100, 1, 1000);
        KeysetCursor after = KeysetCursor.parse(pageToken);
        KeysetPage<Organization> page = KeysetPage.of(organizations.page(after, KeysetPage.fetchSize(limit)), limit,
                org -> new KeysetCursor(org.createdAt, org.id));
        return new OrganizationList(page.items().stream().map(OrganizationView::of).toList(), page.nextToken());
    }

    @POST
    @Path("/{id}/suspend")
    @Operation(summary = "Suspend an organization", description = "Its keys get 403 ORGANIZATION_SUSPENDED on every instance within seconds.")
    @APIResponse(responseCode = "200", description = "Suspended", content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public OrganizationView suspend(@PathParam("id") String id) {
        return OrganizationView.of(organizations.setStatus(id, OrganizationStatus.SUSPENDED));
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate an organization")
    @APIResponse(responseCode = "200", description = "Active again", content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public OrganizationView reactivate(@PathParam("id") String id) {
        return OrganizationView.of(organizations.setStatus(id, OrganizationStatus.ACTIVE));
    }
}
