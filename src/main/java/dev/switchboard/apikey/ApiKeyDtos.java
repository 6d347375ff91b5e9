package dev.switchboard.apikey;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Scope;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of {@code /api-keys}. */
@RegisterForReflection
public final class ApiKeyDtos {

    private ApiKeyDtos() {
    }

    @Schema(name = "CreateApiKeyInput", additionalProperties = Schema.False.class)
    public record CreateApiKeyInput(
            @Schema(required = true, maxLength = 100, examples = "billing-service") @NotBlank @Size(max = 100) String name,
            @Schema(description = "Defaults to, and must equal, the environment of the key making the request.") Environment environment,
            @Schema(description = "Scopes are cumulative (read < write < admin); the highest one given counts. Default [\"write\"].") @Size(min = 1, max = 3) List<@NotNull Scope> scopes,
            @Schema(description = "Requests per hour; 0 means unlimited. Default 10000.", minimum = "0", maximum = "100000") @Min(0) @Max(100000) Integer rateLimitPerHour,
            @Schema(description = "When the key stops working (ISO 8601, in the future). Default: never.") Instant expiresAt) {
    }

    @Schema(name = "RollApiKeyInput", additionalProperties = Schema.False.class)
    public record RollApiKeyInput(
            @Schema(description = "How long the old key keeps working, 0..604800 seconds (7 days). Default 0: it stops now.", minimum = "0", maximum = "604800") @Min(0) @Max(604800) Long expiresInSeconds) {
    }

    @Schema(name = "ApiKey", description = "An API key as stored. The key itself is never shown again after creation.")
    public record ApiKeyView(
            @Schema(required = true, examples = "key_3fZq1xV9bT0cLmN2pQ4rS6uW") String id,
            @Schema(required = true) String name,
            @Schema(required = true) Environment environment,
            @Schema(required = true, description = "Every scope the key holds, lowest first.") List<Scope> scopes,
            @Schema(required = true, description = "The start of the key, to recognise it.", examples = "sb_test_4fZq1x") String keyPrefix,
            @Schema(required = true) int rateLimitPerHour,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true, nullable = true) Instant lastUsedAt,
            @Schema(required = true, nullable = true) Instant expiresAt,
            @Schema(required = true, nullable = true) Instant revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id, key.name, key.environment, key.scope.granted(), key.keyPrefix,
                    key.rateLimitPerHour,
                    key.createdAt, key.lastUsedAt, key.expiresAt, key.revokedAt);
        }
    }

    @Schema(name = "CreatedApiKey")
    public record CreatedApiKey(
            @Schema(required = true) ApiKeyView apiKey,
            @Schema(required = true, description = "The key. Shown only this once.", examples = "sb_test_...") String key,
            @Schema(required = true) String warning) {

        static final String WARNING = "Save this API key now. It is shown only once and cannot be recovered.";

        static CreatedApiKey of(ApiKeyService.Issued issued) {
            return new CreatedApiKey(ApiKeyView.of(issued.key()), issued.secret(), WARNING);
        }
    }

    @Schema(name = "ApiKeyResponse")
    public record ApiKeyResponse(@Schema(required = true) ApiKeyView apiKey) {
    }

    @Schema(name = "CallingOrganization")
    public record CallingOrganization(@Schema(required = true) String id, @Schema(required = true) String name,
            @Schema(required = true) String status, @Schema(required = true) Environment environment) {
    }

    @Schema(name = "ApiKeyList", description = "The keys of the calling organization in the caller's environment, revoked ones included, and who is calling.")
    public record ApiKeyList(
            @Schema(required = true) List<ApiKeyView> apiKeys,
            @Schema(required = true) CallingOrganization organization,
            @Schema(required = true) String currentKeyId) {
    }
}
