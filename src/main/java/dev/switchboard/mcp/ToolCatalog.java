package dev.switchboard.mcp;

import java.util.List;

import dev.switchboard.catalog.IntegrationResource;
import dev.switchboard.connection.ConnectionResource;
import dev.switchboard.insights.InsightsResource;
import dev.switchboard.insights.OrganizationInsightsResource;
import dev.switchboard.magiclink.MagicLinkResource;
import dev.switchboard.mcp.RestTools.Definition;
import dev.switchboard.sync.SyncResources;
import dev.switchboard.wms.api.ReadRoute;
import dev.switchboard.wms.api.WmsReadResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which REST routes agents get as MCP tools, and under which names. Only the organization's own API: no key
 * management (a key that hands out keys to an agent is a root credential), no operator API, no hosted pages.
 */
@RegisterForReflection(targets = { MagicLinkResource.class, ConnectionResource.class, IntegrationResource.class,
        InsightsResource.class, OrganizationInsightsResource.class, WmsReadResource.class,
        SyncResources.ForceSync.class })
final class ToolCatalog {

    private ToolCatalog() {
    }

    static List<Definition> definitions() {
        return List.of(
                new Definition("create_magic_link", "Create a magic link", MagicLinkResource.class, "create", false),
                new Definition("list_magic_links", "List magic links", MagicLinkResource.class, "list", true),
                new Definition("get_magic_link", "Get a magic link", MagicLinkResource.class, "one", true),
                new Definition("edit_magic_link", "Edit a magic link", MagicLinkResource.class, "edit", false),
                new Definition("list_magic_link_versions", "A magic link's versions", MagicLinkResource.class,
                        "versions", true),
                new Definition("revoke_magic_link", "Revoke a magic link", MagicLinkResource.class, "revoke", false),
                new Definition("get_magic_link_activity", "A magic link's activity", MagicLinkResource.class,
                        "activity", true),
                new Definition("get_magic_link_insights", "A magic link's insights", InsightsResource.class, "forLink",
                        true),
                new Definition("get_organization_insights", "Insights of the organization's magic links",
                        OrganizationInsightsResource.class, "forOrganization", true),
                new Definition("list_connections", "List connections", ConnectionResource.class, "list", true),
                new Definition("get_connection", "Get a connection", ConnectionResource.class, "one", true),
                new Definition("sync_connection", "Sync a connection now", SyncResources.ForceSync.class, "force",
                        false),
                new Definition("list_integrations", "Integrations of a type", IntegrationResource.class, "ofType",
                        true));
    }

    /** A WMS read tool: its REST route (for the schema and the scope) and what WmsReads needs to answer it. */
    record WmsRead(Definition definition, ReadRoute route, String idParameter, String notFound) {
    }

    /** The five record kinds agents ask for most, each as a filtered list and as one record. */
    static List<WmsRead> wmsReads() {
        return List.of(
                list("list_wms_orders", "WMS orders", "listOrders", ReadRoute.ORDERS),
                one("get_wms_order", "A WMS order", "getOrder", ReadRoute.ORDER, "order_id", "Order not found"),
                list("list_wms_inventory", "WMS inventory items", "listInventory", ReadRoute.INVENTORY),
                one("get_wms_inventory_item", "A WMS inventory item", "getInventoryItem", ReadRoute.INVENTORY_ITEM,
                        "inventory_id", "Inventory item not found"),
                list("list_wms_products", "WMS products", "listProducts", ReadRoute.PRODUCTS),
                one("get_wms_product", "A WMS product", "getProduct", ReadRoute.PRODUCT, "product_id",
                        "Product not found"),
                list("list_wms_inbound_shipments", "WMS inbound shipments", "listInboundShipments",
                        ReadRoute.INBOUND_SHIPMENTS),
                one("get_wms_inbound_shipment", "A WMS inbound shipment", "getInboundShipment",
                        ReadRoute.INBOUND_SHIPMENT,
                        "inbound_shipment_id", "Inbound shipment not found"),
                list("list_wms_returns", "WMS returns", "listReturns", ReadRoute.RETURNS),
                one("get_wms_return", "A WMS return", "getReturn", ReadRoute.RETURN, "return_id", "Return not found"));
    }

    private static WmsRead list(String name, String title, String method, ReadRoute route) {
        return new WmsRead(new Definition(name, title, WmsReadResource.class, method, true), route, null, null);
    }

    private static WmsRead one(String name, String title, String method, ReadRoute route, String id, String notFound) {
        return new WmsRead(new Definition(name, title, WmsReadResource.class, method, true), route, id, notFound);
    }
}
