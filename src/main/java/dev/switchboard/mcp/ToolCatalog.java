package dev.switchboard.mcp;

import java.util.List;

import dev.switchboard.catalog.IntegrationResource;
import dev.switchboard.connection.ConnectionResource;
import dev.switchboard.insights.InsightsResource;
import dev.switchboard.insights.OrganizationInsightsResource;
import dev.switchboard.magiclink.MagicLinkResource;
import dev.switchboard.mcp.RestTools.Definition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which REST routes agents get as MCP tools, and under which names. Only the organization's own API: no key
 * management (a key that hands out keys to an agent is a root credential), no operator API, no hosted pages.
 */
@RegisterForReflection(targets = { MagicLinkResource.class, ConnectionResource.class, IntegrationResource.class,
        InsightsResource.class, OrganizationInsightsResource.class })
final class ToolCatalog {

    private ToolCatalog() {
    }

    static List<Definition> definitions() {
        return List.of(
                new Definition("create_magic_link", "Create a magic link", MagicLinkResource.class, "create", false),
                new Definition("list_magic_links", "List magic links", MagicLinkResource.class, "list", true),
                new Definition("get_magic_link", "Get a magic link", MagicLinkResource.class, "one", true),
                new Definition("revoke_magic_link", "Revoke a magic link", MagicLinkResource.class, "revoke", false),
                new Definition("get_magic_link_activity", "A magic link's activity", MagicLinkResource.class, "activity", true),
                new Definition("get_magic_link_insights", "A magic link's insights", InsightsResource.class, "forLink", true),
                new Definition("get_organization_insights", "Insights of the organization's magic links",
                        OrganizationInsightsResource.class, "forOrganization", true),
                new Definition("list_connections", "List connections", ConnectionResource.class, "list", true),
                new Definition("get_connection", "Get a connection", ConnectionResource.class, "one", true),
                new Definition("list_integrations", "Integrations of a type", IntegrationResource.class, "ofType", true));
    }
}
