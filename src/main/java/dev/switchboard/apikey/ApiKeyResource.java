package dev.switchboard.apikey;

import java.time.Clock;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.switchboard.apikey.ApiKeyDtos.ApiKeyList;
import dev.switchboard.apikey.ApiKeyDtos.ApiKeyResponse;
import dev.switchboard.apikey.ApiKeyDtos.ApiKeyView;
import dev.switchboard.apikey.ApiKeyDtos.CallingOrganization;
import dev.switchboard.apikey.ApiKeyDtos.CreateApiKeyInput;
import dev.switchboard.apikey.ApiKeyDtos.CreatedApiKey;
import dev.switchboard.apikey.ApiKeyDtos.RollApiKeyInput;
import dev.switchboard.auth.Caller;
import dev.switchboard.auth.RequiresScope;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.organization.Organization;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Scope;

@Path("/api-keys")
@Tag(name = "API keys", description = "An organization's own keys (scope admin). Keys of one environment never see the other's.")
@SecurityRequirement(name = "SecurityScheme")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the admin scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class ApiKeyResource {

    @Inject
    Clock clock;
    @Inject
    ApiKeyService keys;
    @Inject
    Caller caller;
    @Inject
    SwitchboardConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Create an API key", description = "The key is in the response once and never again.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public CreatedApiKey create(@Valid CreateApiKeyInput input) {
        ValidationProblem.requireBody(input);
        Environment environment = caller.tenant().environment();
        ValidationProblem problem = new ValidationProblem();
        if (input.environment() != null && input.environment() != environment) {
            problem.add(ValidationProblem.JSON, "environment",
                    "A " + environment + " key can only create " + environment
                            + " keys; use a " + input.environment() + " admin key.");
        }
        if (input.expiresAt() != null && !input.expiresAt().isAfter(clock.instant())) {
            problem.add(ValidationProblem.JSON, "expires_at", "Must be in the future.");
        }
        problem.throwIfAny();
        Scope scope = input.scopes() == null
                ? Scope.WRITE
                : input.scopes().stream().max(Scope::compareTo).orElseThrow();
        int limit = input.rateLimitPerHour() == null
                ? config.apiKeys().defaultRateLimitPerHour()
                : input.rateLimitPerHour();
        return CreatedApiKey.of(keys.issue(caller.tenant(), input.name().strip(), scope, limit, input.expiresAt()));
    }

    @GET
    @Operation(summary = "List API keys", description = "Every key of the calling organization in the caller's environment, "
            + "revoked ones included, oldest first; and who is calling.")
    @APIResponse(responseCode = "200", description = "The keys", content = @Content(schema = @Schema(implementation = ApiKeyList.class)))
    public ApiKeyList list() {
        List<ApiKeyView> views = keys.list(caller.tenant()).stream().map(ApiKeyView::of).toList();
        Organization org = Organization.findById(caller.tenant().organizationId());
        return new ApiKeyList(views,
                new CallingOrganization(org.id, org.name, org.status.value(), caller.tenant().environment()),
                caller.keyId());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "Idempotent: revoking a revoked key answers the same. "
            + "The last usable admin key of an environment cannot be revoked (409).")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "404", description = "No such key in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Last admin key", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ApiKeyResponse revoke(@PathParam("id") String id) {
        return new ApiKeyResponse(ApiKeyView.of(keys.revoke(caller.tenant(), id)));
    }

    @POST
    @Path("/{id}/roll")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Roll an API key", description = "Issues a replacement with the same name, scopes and limit; "
            + "the old key keeps working for expires_in_seconds (rotation without downtime).")
    @APIResponse(responseCode = "201", description = "The replacement", content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "404", description = "No such key in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The key is revoked or expired", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public CreatedApiKey roll(@PathParam("id") String id, @Valid RollApiKeyInput input) {
        long grace = input == null || input.expiresInSeconds() == null ? 0 : input.expiresInSeconds();
        return CreatedApiKey.of(keys.roll(caller.tenant(), id, grace));
    }
}
