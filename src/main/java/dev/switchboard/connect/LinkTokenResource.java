package dev.switchboard.connect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.auth.Caller;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionDtos.LinkTokenResponse;
import dev.switchboard.connection.LinkTokenService;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.magiclink.LinkSpec;
import dev.switchboard.magiclink.MagicLinkDtos.MagicLinkInput;
import dev.switchboard.magiclink.MagicLinkValidator;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /link/token}: the organization's backend creates the token that opens the Connect modal, and with it
 * what the modal offers. The filters live here, server-side, because the page that embeds the modal runs in the
 * customer's browser: filters taken from it could be widened by editing the page (issue 14).
 */
@Path("/link/token")
@Tag(name = "Link", description = "The embedded flow: a link token opens the Connect modal; the install it completes "
        + "yields an auth code, exchanged for the connection's access token.")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "403", description = "Organization suspended, or the key lacks the write scope", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class LinkTokenResource {

    @RegisterForReflection
    @Schema(name = "LinkTokenInputSchema", additionalProperties = Schema.False.class, description = "Trackstar's "
            + "LinkTokenInputSchema. Everything but connection_id is a Switchboard extension; the filters mean what "
            + "they mean on POST /magic-links, with the same rules, and are the only ones the Connect modal applies.")
    public record LinkTokenInput(
            @Schema(nullable = true, maxLength = 255, description = "An active connection to reinstall instead of creating a new one.") String connectionId,
            @Schema(nullable = true, maxLength = 255, description = "The customer the new connection is recorded under.") String customerId,
            @Schema(description = "Default wms.") IntegrationType integrationType,
            @Schema(maxItems = 100, description = "Only these integrations. Cannot be combined with integration_block_list or integrations_with_endpoints.", examples = "[\"shipbob\"]") List<String> integrationAllowList,
            @Schema(maxItems = 100, description = "Every integration of the type but these.") List<String> integrationBlockList,
            @Schema(maxItems = 100, description = "Only integrations that support every one of these actions.") List<String> integrationsWithEndpoints,
            @Schema(description = "Also offer the Sandbox integration. Default false.") Boolean sandbox,
            @Schema(maxItems = 100, description = "Actions switched off on the connection the modal creates.") List<String> disabledFunctions) {
    }

    @Inject
    LinkTokenService linkTokens;
    @Inject
    MagicLinkValidator validator;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a link token", description = "Single use, valid 30 minutes. With connection_id, the "
            + "install reinstalls that connection (same id, same access token). The token carries what the Connect "
            + "modal offers (integration_type, the allow/block lists, integrations_with_endpoints, sandbox) and "
            + "disabled_functions; the embedding page cannot change them. The JSON body may be empty.")
    @APIResponse(responseCode = "200", description = "The link token", content = @Content(schema = @Schema(implementation = LinkTokenResponse.class)))
    @APIResponse(responseCode = "422", description = "Unknown connection_id, or a bad field", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public LinkTokenResponse create(LinkTokenInput input) {
        LinkTokenInput body = input == null
                ? new LinkTokenInput(null, null, null, null, null, null, null, null)
                : input;
        LinkSpec spec = validator.validate(asMagicLinkInput(body));
        LinkTokenService.Filters filters = new LinkTokenService.Filters(spec.integrationType(),
                spec.integrationAllowList(), spec.integrationBlockList(), spec.integrationsWithEndpoints(),
                spec.sandbox(), spec.disabledFunctions());
        return new LinkTokenResponse(
                linkTokens.create(caller.tenant(), spec.connectionId(), spec.customerId(), filters));
    }

    /**
     * The same fields as a magic link's, so one validator holds both to the same rules and messages (the field names
     * match, so each 422 names the link token's own field). Converted by name, not by constructor position.
     */
    private MagicLinkInput asMagicLinkInput(LinkTokenInput body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("connection_id", body.connectionId());
        fields.put("customer_id", body.customerId());
        fields.put("integration_type", body.integrationType());
        fields.put("integration_allow_list", body.integrationAllowList());
        fields.put("integration_block_list", body.integrationBlockList());
        fields.put("integrations_with_endpoints", body.integrationsWithEndpoints());
        fields.put("sandbox", body.sandbox());
        fields.put("disabled_functions", body.disabledFunctions());
        return json.convertValue(fields, MagicLinkInput.class);
    }
}
