package dev.switchboard.magiclink;

import java.util.List;
import java.util.Map;

import dev.switchboard.catalog.IntegrationType;

/**
 * A validated request for a new magic link: defaults applied, lists without duplicates (first occurrence kept),
 * metadata as compact JSON text. Made only by {@link MagicLinkValidator}.
 */
public record LinkSpec(IntegrationType integrationType, List<String> integrationAllowList,
        List<String> integrationBlockList,
        List<String> integrationsWithEndpoints, int linkDurationDays, String customerId, String connectionId,
        String redirectUrl, Map<String, Object> metadata, String metadataJson, boolean sandbox,
        List<String> disabledFunctions) {
}
