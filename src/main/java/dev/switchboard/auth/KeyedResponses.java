package dev.switchboard.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The responses that {@link ApiKeyAuthFilter} can give on every operation that needs an API key (401, 403, 429, and 503
 * when the database is down), defined once under {@code components.responses} and referenced by every such operation
 * (those with the {@code SecurityScheme} requirement). An operation that documents one of these codes itself keeps
 * its own, more specific, description.
 */
public class KeyedResponses implements OASFilter {

    static final String SCHEME = "SecurityScheme";
    /** Status code to the shared response's name and description, in the order they are checked. */
    static final Map<String, String[]> SHARED = new LinkedHashMap<>();
    static {
        SHARED.put("401", new String[]{ "Unauthorized", "Missing, malformed, invalid, expired or revoked API key" });
        SHARED.put("403", new String[]{ "Forbidden",
                "Organization suspended (ORGANIZATION_SUSPENDED), or the key lacks the scope this operation needs" });
        SHARED.put("429", new String[]{ "RateLimited",
                "The key's hourly rate limit, or too many invalid keys from this address; retry after Retry-After seconds" });
        SHARED.put("503", new String[]{ "Unavailable", "Database unavailable; retry after Retry-After seconds" });
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        SHARED.forEach((code, response) -> components.addResponse(response[0], OASFactory.createAPIResponse()
                .description(response[1])
                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Error"))))));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(KeyedResponses::needsKey).forEach(KeyedResponses::addShared));
    }

    static boolean needsKey(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security != null && security.stream().anyMatch(r -> r.hasScheme(SCHEME));
    }

    private static void addShared(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        SHARED.forEach((code, response) -> {
            if (!operation.getResponses().hasAPIResponse(code)) {
                APIResponse shared = OASFactory.createAPIResponse().ref(response[0]);
                operation.getResponses().addAPIResponse(code, shared);
            }
        });
    }
}
