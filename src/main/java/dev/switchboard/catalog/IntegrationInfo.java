package dev.switchboard.catalog;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's {@code IntegrationInfo} and its parts, exactly. */
@RegisterForReflection
@Schema(name = "IntegrationInfo")
public record IntegrationInfo(String integrationName, String displayName, String installMethod, String description,
        String logoUrl, List<WriteOperation> writeOperations, List<ListOperation> listOperations,
        List<Action> availableActions) {

    @RegisterForReflection
    @Schema(name = "IntegrationsResponseSchema")
    public record Page(List<IntegrationInfo> data) {
    }

    @RegisterForReflection
    @Schema(name = "ListOperation")
    public record ListOperation(Action action, String url, Map<String, Object> implementedFields) {
    }

    @RegisterForReflection
    @Schema(name = "WriteOperation")
    public record WriteOperation(Action action, String url, List<String> requiredBaseSchemaFields,
            List<String> optionalBaseSchemaFields, SpecificFields integrationSpecificFields) {
    }

    /** No integration needs fields beyond the unified schema yet; the shape is the contract's. */
    @RegisterForReflection
    @Schema(name = "IntegrationSpecificFields")
    public record SpecificFields(Map<String, Object> properties, String type, List<String> requiredFields) {

        static final SpecificFields NONE = new SpecificFields(Map.of(), "object", List.of());
    }

    static IntegrationInfo of(Integration integration, String publicUrl) {
        IntegrationType type = integration.integrationType();
        List<Action> actions = integration.availableActions();
        return new IntegrationInfo(integration.integrationName(), integration.displayName(),
                integration.installMethod(), integration.description(), publicUrl + integration.logoPath(),
                actions.stream().filter(Action::isWrite)
                        .map(a -> new WriteOperation(a, a.endpoint(type), a.requiredFields(), a.optionalFields(),
                                SpecificFields.NONE))
                        .toList(),
                actions.stream().filter(a -> !a.isWrite())
                        .map(a -> new ListOperation(a, a.endpoint(type), a.implementedFields()))
                        .toList(),
                actions);
    }
}
