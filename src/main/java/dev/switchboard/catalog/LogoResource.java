package dev.switchboard.catalog;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.auth.PublicApi;
import dev.switchboard.error.ApiException;

/**
 * The catalog's logos: original lettermarks drawn here (the integration's initials on its colour), so no third-party
 * artwork is shipped or fetched. Public, since the hosted pages show them to customers.
 */
@Path("/static/logos")
@PublicApi
@Tag(name = "Integrations")
public class LogoResource {

    private static final CacheControl CACHE = CacheControl.valueOf("public, max-age=86400");

    @Inject
    Catalog catalog;

    @GET
    @Path("/{integration_type}/{file}")
    @Produces("image/svg+xml")
    @Operation(summary = "An integration's lettermark (SVG)")
    public Response logo(@PathParam("integration_type") String type, @PathParam("file") String file,
            @jakarta.ws.rs.core.Context Request request) {
        Integration integration = java.util.Arrays.stream(IntegrationType.values())
                .filter(t -> t.value().equals(type)).findFirst()
                .filter(t -> file.endsWith(".svg"))
                .flatMap(t -> catalog.find(t, file.substring(0, file.length() - 4)))
                .orElseThrow(() -> ApiException.notFound("Logo not found", null));
        String svg = lettermark(integration);
        EntityTag etag = new EntityTag(Integer.toHexString(svg.hashCode()));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.tag(etag).cacheControl(CACHE).build();
        }
        return Response.ok(svg).tag(etag).cacheControl(CACHE)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").build();
    }

    /** Catalog data is checked at start: the colour is #RRGGBB and the monogram is letters and digits only. */
    static String lettermark(Integration integration) {
        String letters = integration.monogram();
        int size = letters.length() > 1 ? 26 : 32;
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="%s">\
                <rect width="64" height="64" rx="14" fill="%s"/>\
                <text x="32" y="33" dominant-baseline="central" text-anchor="middle" fill="#ffffff" \
                font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif" \
                font-size="%d" font-weight="700">%s</text></svg>
                """
                .formatted(escape(integration.displayName()), integration.color(), size, escape(letters));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
