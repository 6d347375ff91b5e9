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

    /** The fields an integration takes beyond the base schema, with their JSON schemas. */
    @RegisterForReflection
    @Schema(name = "IntegrationSpecificFields")
    public record SpecificFields(Map<String, Object> properties, String type, List<String> requiredFields) {
    }

    static IntegrationInfo of(Integration integration, String publicUrl, WriteSchemas writes) {
        IntegrationType type = integration.integrationType();
        List<Action> actions = integration.availableActions();
        return new IntegrationInfo(integration.integrationName(), integration.displayName(),
                integration.installMethod(), integration.description(), publicUrl + integration.logoPath(),
                actions.stream().filter(Action::isWrite)
                        .map(a -> {
                            WriteSchemas.Fields fields = writes.fields(a, integration.integrationName());
                            return new WriteOperation(a, a.endpoint(type), fields.requiredBase(),
                                    fields.optionalBase(),
                                    new SpecificFields(fields.specific(), "object", fields.specificRequired()));
                        })
                        .toList(),
                actions.stream().filter(a -> !a.isWrite())
                        .map(a -> new ListOperation(a, a.endpoint(type), a.implementedFields()))
                        .toList(),
                actions);
    }
}
