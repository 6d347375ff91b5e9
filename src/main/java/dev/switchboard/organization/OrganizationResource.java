package dev.switchboard.organization;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.RequiresScope;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.tenant.OrganizationStatus;
import dev.switchboard.tenant.Scope;
import io.quarkus.runtime.annotations.RegisterForReflection;

@Path("/organization")
@Tag(name = "Organization", description = "The calling organization and what its customers see on the hosted pages.")
@SecurityRequirement(name = "SecurityScheme")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "The key lacks the admin scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class OrganizationResource {

    @Schema(name = "OrganizationBranding")
    @RegisterForReflection
    public record BrandingView(
            @Schema(required = true) String id,
            @Schema(required = true) String name,
            @Schema(required = true, nullable = true, description = "Shown to customers instead of name.") String displayName,
            @Schema(required = true, nullable = true, description = "An https image for the hosted pages.") String logoUrl,
            @Schema(required = true, nullable = true, description = "Accent colour, #rrggbb.") String brandColor,
            @Schema(required = true, nullable = true) String supportEmail,
            @Schema(required = true, description = "Origins that may embed the Connect modal (https://host[:port]).") List<String> allowedOrigins,
            @Schema(required = true) OrganizationStatus status,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true, minimum = "1", maximum = "1095", description = "Days of history a new connection's initial sync fetches.") int initialSyncDays) {

        static BrandingView of(Organization org) {
            return new BrandingView(org.id, org.name, org.displayName, org.logoUrl, org.brandColor, org.supportEmail,
                    List.copyOf(org.allowedOrigins), org.status, org.createdAt, org.initialSyncDays);
        }
    }

    @Schema(name = "OrganizationResponse")
    @RegisterForReflection
    public record OrganizationResponse(@Schema(required = true) BrandingView organization) {
    }

    @Schema(name = "OrganizationBrandingInput", additionalProperties = Schema.False.class, description = "Every field optional: an absent field is left alone, null clears it.")
    @RegisterForReflection
    public record BrandingInput(@Schema(maxLength = 100, nullable = true) String displayName,
            @Schema(maxLength = 2048, nullable = true) String logoUrl,
            @Schema(pattern = "^#[0-9A-Fa-f]{6}$", nullable = true) String brandColor,
            @Schema(maxLength = 254, nullable = true) String supportEmail,
            @Schema(maxItems = Branding.MAX_ORIGINS, nullable = true) List<String> allowedOrigins,
            @Schema(minimum = "1", maximum = "1095", nullable = true, description = "null restores 30") Integer initialSyncDays) {
    }

    @Inject
    OrganizationService organizations;
    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The calling organization", description = "Its name, status, and the branding of the caller's environment (test and live each have their own).")
    @APIResponse(responseCode = "200", description = "The organization", content = @Content(schema = @Schema(implementation = OrganizationResponse.class)))
    public OrganizationResponse get() {
        return new OrganizationResponse(BrandingView.of(organizations.get(caller.tenant().organizationId(),
                caller.tenant().environment())));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the branding", description = "display_name, logo_url, brand_color, support_email and "
            + "allowed_origins of the caller's environment only: a test key never changes what live customers see. The "
            + "hosted pages and the Connect modal use them at once. initial_sync_days (1..1095, for the whole "
            + "organization) sets how far back new connections' initial syncs reach.")
    @RequestBody(content = @Content(schema = @Schema(implementation = BrandingInput.class)))
    @APIResponse(responseCode = "200", description = "The organization after the change", content = @Content(schema = @Schema(implementation = OrganizationResponse.class)))
    @APIResponse(responseCode = "422", description = "Validation error; nothing was changed", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public OrganizationResponse patch(JsonNode body) {
        return new OrganizationResponse(BrandingView.of(organizations.updateBranding(caller.tenant().organizationId(),
                caller.tenant().environment(), body)));
    }
}
