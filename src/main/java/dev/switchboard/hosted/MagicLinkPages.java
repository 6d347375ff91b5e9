package dev.switchboard.hosted;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.switchboard.auth.PublicApi;
import dev.switchboard.catalog.Integration;
import dev.switchboard.connect.ConnectFlow;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.insights.ViewRecorder;
import dev.switchboard.magiclink.LinkLifecycle;
import dev.switchboard.magiclink.LinkLifecycle.HostedLink;
import dev.switchboard.magiclink.LinkStatus;
import dev.switchboard.magiclink.MagicLink;
import dev.switchboard.organization.Organization;
import dev.switchboard.tenant.OrganizationStatus;
import io.vertx.core.http.HttpServerRequest;

/**
 * The page a magic link opens: {@code GET /link/{id}}, the picker, the credential form, and the outcome.
 * Server-rendered
 * and complete without JavaScript. Nothing here changes state on a GET: a mail scanner that fetches the link leaves it
 * {@code created}; {@code opened} comes from the page's beacon or the first form the person submits.
 */
@Path("/link")
@PublicApi
@Tag(name = "Hosted pages", description = "What an organization's customer sees. HTML, not part of the JSON API.")
@Produces(MediaType.TEXT_HTML)
public class MagicLinkPages {

    private static final Logger LOG = Logger.getLogger(MagicLinkPages.class);
    /** The form field that carries the link's version (see {@code MagicLink.version}). */
    static final String VERSION = "version";

    @Inject
    LinkLifecycle links;
    @Inject
    ConnectFlow connect;
    @Inject
    FormTokens tokens;
    @Inject
    HttpServerRequest http;
    @Inject
    ViewRecorder views;

    /** A usable link and its organization. */
    private record Visit(HostedLink hosted, Organization org) {

        MagicLink link() {
            return hosted.link();
        }

        /** What the link offers its customer now: for a reinstall, the connection's own integration. */
        List<Integration> candidates() {
            return hosted.offeredIntegrations();
        }

        boolean reinstall() {
            return hosted.link().connectionId != null;
        }
    }

    @GET
    @Path("/{magic_link_id}")
    @APIResponse(responseCode = "404", description = "No such link (an HTML page that names no one)")
    @Operation(summary = "The magic-link page", description = "The picker, or the form when there is one candidate or "
            + "the link reinstalls a connection. 404 for an unknown link; 410 when expired, revoked or used.")
    public Response open(@PathParam("magic_link_id") String id) {
        return visit(id).map(v -> v.candidates().size() == 1
                ? form(v, v.candidates().get(0), Map.of(), Map.of(), null, 200)
                : picker(v)).orElseGet(() -> unavailable(id));
    }

    @POST
    @Path("/{magic_link_id}/opened")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The page's beacon: a person's browser showed the link")
    public Response opened(@PathParam("magic_link_id") String id, MultivaluedMap<String, String> form) {
        if (visit(id).isPresent() && tokens.isValid(id, form.getFirst("csrf"), http)) {
            views.record(id, http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                    http.getHeader("User-Agent"));
            connect.opened(id);
        }
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{magic_link_id}/select")
    @APIResponse(responseCode = "404", description = "No such link (an HTML page that names no one)")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The customer picked an integration")
    public Response select(@PathParam("magic_link_id") String id, MultivaluedMap<String, String> form) {
        Optional<Visit> visit = visit(id);
        if (visit.isEmpty()) {
            return unavailable(id);
        }
        if (!tokens.isValid(id, form.getFirst("csrf"), http)) {
            return expiredForm(visit.get());
        }
        Optional<Integration> chosen = candidate(visit.get(), form.getFirst("integration"));
        if (chosen.isEmpty()) {
            // A choice the link does not offer: from a page shown before an edit took it out, or made up.
            return isStale(visit.get(), form) ? changedOffer(visit.get()) : picker(visit.get());
        }
        try {
            connect.select(id, chosen.get());
        } catch (ConnectFlow.OfferChanged e) {
            return visit(id).map(v -> changedOffer(v)).orElseGet(() -> unavailable(id));
        }
        return HostedResponses.seeOther("/link/" + id + "/connect/" + chosen.get().integrationName());
    }

    @GET
    @Path("/{magic_link_id}/connect/{integration_name}")
    @APIResponse(responseCode = "404", description = "No such link (an HTML page that names no one)")
    @Operation(summary = "The credential form of one integration")
    public Response connectForm(@PathParam("magic_link_id") String id, @PathParam("integration_name") String name) {
        Optional<Visit> visit = visit(id);
        if (visit.isEmpty()) {
            return unavailable(id);
        }
        return candidate(visit.get(), name).map(i -> form(visit.get(), i, Map.of(), Map.of(), null, 200))
                .orElseGet(() -> picker(visit.get()));
    }

    @POST
    @Path("/{magic_link_id}/install")
    @APIResponse(responseCode = "404", description = "No such link (an HTML page that names no one)")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Submit credentials", description = "Creates (or reinstalls) the connection, completes the link, "
            + "then shows success or redirects (303) to the link's redirect_url with auth_code and magic_link_id.")
    public Response install(@PathParam("magic_link_id") String id, MultivaluedMap<String, String> form) {
        Optional<Visit> found = visit(id);
        if (found.isEmpty()) {
            return unavailable(id);
        }
        Visit visit = found.get();
        if (!tokens.isValid(id, form.getFirst("csrf"), http)) {
            return expiredForm(visit);
        }
        Optional<Integration> chosen = candidate(visit, form.getFirst("integration"));
        if (chosen.isEmpty()) {
            return isStale(visit, form) ? changedOffer(visit) : picker(visit);
        }
        Integration integration = chosen.get();
        Map<String, String> credentials = InstallForm.credentials(integration, form);
        if (isStale(visit, form)) {
            // The customer filled in a form of the link as it was; what they agree to may have changed.
            return changed(visit, integration, credentials);
        }
        MagicLink link = visit.link();
        ConnectionService.Installed installed;
        try {
            installed = connect.installThroughLink(visit.hosted(), integration, credentials);
        } catch (ConnectFlow.TooManyAttempts exhausted) {
            return tooManyAttempts(visit);
        } catch (ConnectFlow.Refused refused) {
            return form(visit, integration, credentials, refused.errors(), refused.alert(), 422);
        } catch (ConnectFlow.OfferChanged e) {
            Optional<Visit> now = visit(id);
            Optional<Integration> still = now.flatMap(v -> candidate(v, integration.integrationName()));
            return now.map(v -> still.isPresent() ? changed(v, still.get(), credentials) : changedOffer(v))
                    .orElseGet(() -> unavailable(id));
        } catch (ConnectFlow.Gone e) {
            LOG.infof("Install through magic link %s... refused: %s", id.substring(0, 8), e.getMessage());
            return visit(id).map(v -> picker(v)).orElseGet(() -> unavailable(id));
        }
        if (link.redirectUrl != null) {
            String separator = link.redirectUrl.contains("?") ? "&" : "?";
            return HostedResponses.seeOther(link.redirectUrl + separator + "auth_code="
                    + URLEncoder.encode(installed.authCode(), StandardCharsets.UTF_8) + "&magic_link_id=" + id);
        }
        View.Page page = page(visit.org(), null, false);
        return HostedResponses.html(200, page, HostedPages.done(page, integration.displayName(), null), List.of(),
                List.of());
    }

    // ---- Pages ----------------------------------------------------------------------------------------------------

    private Response picker(Visit visit) {
        return picker(visit, 200, null);
    }

    private Response picker(Visit visit, int status, String alert) {
        String kind = switch (visit.link().integrationType) {
            case WMS -> "warehouse system";
            case CART -> "store";
            case FREIGHT -> "freight forwarder";
            case CARRIER -> "carrier account";
            case ERP -> "ERP";
        };
        List<View.Choice> choices = visit.candidates().stream().map(View.Choice::of).toList();
        View.Page page = page(visit.org(), visit.link().id, true);
        return HostedResponses.html(status, page,
                HostedPages.picker(page, kind, choices, "/link/" + visit.link().id + "/select",
                        versionField(visit), alert),
                List.of(), List.of());
    }

    private Response form(Visit visit, Integration integration, Map<String, String> submitted,
            Map<String, List<String>> errors, String alert, int status) {
        String id = visit.link().id;
        String back = visit.candidates().size() > 1 ? "/link/" + id : null;
        // The form posts here, and the answer may redirect to the link's redirect_url.
        List<String> formTargets = visit.link().redirectUrl == null ? List.of() : List.of(visit.link().redirectUrl);
        View.Page page = page(visit.org(), id, true);
        return HostedResponses.html(status, page, HostedPages.form(page, View.Choice.of(integration),
                InstallForm.fields(integration, submitted, errors), "/link/" + id + "/install", alert,
                visit.reinstall(), back,
                versionField(visit)), List.of(), formTargets);
    }

    /**
     * The page's answer to credentials posted against a version of the link that an edit has replaced, for an
     * integration it still offers: 409, and its form again as the link is now, the details kept but secrets, to submit
     * once more (what the customer agrees to, such as the disabled functions, may have changed).
     */
    private Response changed(Visit visit, Integration integration, Map<String, String> submitted) {
        return form(visit, integration, submitted, Map.of(), visit.org().publicName() + " changed this link while "
                + "it was open. Check the details and connect again.", 409);
    }

    /** A choice an edit took out of the offer: 409, and the picker of what the link offers now. */
    private Response changedOffer(Visit visit) {
        return picker(visit, 409, visit.org().publicName() + " changed this link while it was open, and what you "
                + "chose is no longer offered. Choose again from what it offers now.");
    }

    /** The link's version, carried by its forms. */
    private static List<View.Hidden> versionField(Visit visit) {
        return List.of(new View.Hidden(VERSION, Integer.toString(visit.link().version)));
    }

    /**
     * Whether the form was rendered for another version of the link than the current one (a form without a version,
     * as hand-made posts are, is held to the current offer only).
     */
    private static boolean isStale(Visit visit, MultivaluedMap<String, String> form) {
        String posted = form.getFirst(VERSION);
        return posted != null && !posted.equals(Integer.toString(visit.link().version));
    }

    private Response expiredForm(Visit visit) {
        return problem(400, Optional.of(visit.org()), "This page expired",
                "The form was open for too long. Go back to the link and try again.", null);
    }

    private Response tooManyAttempts(Visit visit) {
        return problem(429, Optional.of(visit.org()), "Too many attempts",
                "These details were refused too many times. Please try again in an hour.",
                supportLine(visit.org()));
    }

    /** Why a link cannot be used: unknown (404, nobody's name shown), or expired, revoked or used (410). */
    private Response unavailable(String id) {
        Optional<HostedLink> hosted = links.findForHostedPage(id);
        if (hosted.isEmpty()) {
            return problem(404, Optional.empty(), "This link doesn’t work",
                    "Check that you opened the whole address from the message you received.",
                    "If it still doesn’t work, ask whoever sent it for a new link.");
        }
        Organization org = Organization.asSeenIn(hosted.get().tenant().organizationId(),
                hosted.get().tenant().environment());
        String name = org.publicName();
        if (org.status != OrganizationStatus.ACTIVE) {
            return problem(403, Optional.of(org), "This link isn’t available right now",
                    name + " can’t accept connections at the moment.", "Please try again later. " + supportLine(org));
        }
        return switch (hosted.get().status()) {
            case COMPLETED -> problem(410, Optional.of(org), "You’re already connected",
                    "This link has been used, and " + name + " is connected to your system.",
                    "To connect again, ask " + name + " for a new link.");
            case REVOKED -> problem(410, Optional.of(org), "This link was withdrawn",
                    name + " has withdrawn this link.", "Ask " + name + " for a new link. " + supportLine(org));
            case EXPIRED -> problem(410, Optional.of(org), "This link has expired",
                    "Links to connect your system only work for a limited time.",
                    "Ask " + name + " for a new link. " + supportLine(org));
            default -> problem(410, Optional.of(org), "This link can’t be used",
                    "The system it was made for is no longer available.", "Ask " + name + " for a new link.");
        };
    }

    private Response problem(int status, Optional<Organization> org, String heading, String message, String next) {
        View.Page page = org.map(o -> page(o, null, false))
                .orElseGet(() -> new View.Page(View.Brand.anonymous(), HostedResponses.nonce(), null, null, null));
        return HostedResponses.html(status, page, HostedPages.problem(page, heading, message,
                next == null ? null : next.strip()), List.of(), List.of());
    }

    private View.Page page(Organization org, String linkId, boolean withForm) {
        String csrf = withForm ? tokens.issue(linkId) : null;
        return new View.Page(View.Brand.of(org), HostedResponses.nonce(), csrf,
                withForm ? "/link/" + linkId + "/opened" : null, null);
    }

    private static String supportLine(Organization org) {
        return org.supportEmail == null ? "" : "You can also write to " + org.supportEmail + ".";
    }

    // ---- The link ------------------------------------------------------------------------------------------------

    /** The link when it can be used now, with what it offers; empty when unknown, expired, revoked, used or broken. */
    private Optional<Visit> visit(String id) {
        return links.findForHostedPage(id)
                .filter(h -> h.status() == LinkStatus.CREATED || h.status() == LinkStatus.OPENED)
                // A reinstall whose connection has gone offers nothing: the link cannot be used.
                .filter(h -> !h.offeredIntegrations().isEmpty())
                .map(hosted -> new Visit(hosted,
                        Organization.asSeenIn(hosted.tenant().organizationId(), hosted.tenant().environment())))
                // A suspended organization's links open nothing (issue 14); unavailable() says so.
                .filter(v -> v.org().status == OrganizationStatus.ACTIVE);
    }

    private static Optional<Integration> candidate(Visit visit, String name) {
        return visit.candidates().stream().filter(i -> i.integrationName().equals(name)).findFirst();
    }
}
