package dev.switchboard.hosted;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.auth.PublicApi;
import dev.switchboard.catalog.Integration;
import dev.switchboard.config.UrlPolicy;
import dev.switchboard.connect.ConnectFlow;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.connection.LinkTokenService;
import dev.switchboard.organization.Organization;
import dev.switchboard.tenant.OrganizationStatus;
import io.vertx.core.http.HttpServerRequest;

/**
 * The embeddable Connect modal: {@code /link/main.js} (the script an organization's page loads) and
 * {@code /link/connect} (the picker and form inside its iframe). A link token from {@code POST /link/token} opens it;
 * the install spends the token and the page tells the embedding origin, and only it, the {@code auth_code} by
 * {@code postMessage}. Only the organization's {@code allowed_origins} may frame it (and local pages in dev and test:
 * {@code config.UrlPolicy}).
 */
@Path("/link")
@PublicApi
@Tag(name = "Hosted pages")
public class ConnectPages {

    private static final String SCRIPT = readScript();

    @Inject
    ConnectFlow connect;
    @Inject
    FormTokens tokens;
    @Inject
    UrlPolicy urls;
    @Inject
    ObjectMapper json;
    @Inject
    HttpServerRequest http;

    /**
     * What the embedding page sends: the link token, its own origin (checked against {@code allowed_origins}) and,
     * optionally, an integration to open directly. Nothing else: what the modal offers comes from the link token
     * (issue 14), so filters a page adds to the URL or to the form are not read.
     */
    record Options(String linkToken, String origin, String integration) {

        static Options from(MultivaluedMap<String, String> params) {
            return new Options(params.getFirst("link_token"), params.getFirst("origin"),
                    params.getFirst("integration"));
        }
    }

    @GET
    @Path("/main.js")
    @Produces("text/javascript")
    @Operation(summary = "The Connect modal script", description = "Defines window.Trackstar (init, open, close, state): "
            + "a drop-in for Trackstar's main.js and @trackstar/react-trackstar-link.")
    public Response script() {
        return Response.ok(SCRIPT, "text/javascript;charset=UTF-8")
                .header("Cache-Control", "public, max-age=300")
                .header("Cross-Origin-Resource-Policy", "cross-origin").build();
    }

    @GET
    @Path("/connect")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Connect modal's page (inside the iframe)")
    public Response connect(@Context UriInfo uri) {
        return show(uri.getQueryParameters());
    }

    @POST
    @Path("/connect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Pick an integration or submit credentials inside the Connect modal")
    public Response submit(MultivaluedMap<String, String> form) {
        Optional<Session> found = session(form);
        if (found.isEmpty()) {
            return gone(form.getFirst("origin"));
        }
        Session session = found.get();
        if (!tokens.isValid("connect|" + session.options().linkToken(), form.getFirst("csrf"), http)) {
            return message(session, 400, "This page expired", "Close this window and start again.");
        }
        Optional<Integration> chosen = session.candidates().stream()
                .filter(i -> i.integrationName().equals(form.getFirst("integration"))).findFirst();
        if (chosen.isEmpty() || form.getFirst("step") == null) {
            // The picker's choice: show that integration's form.
            return chosen.map(i -> form(session, i, Map.of(), Map.of(), null, 200)).orElseGet(() -> picker(session));
        }
        Integration integration = chosen.get();
        Map<String, String> credentials = InstallForm.credentials(integration, form);
        ConnectionService.Installed installed;
        try {
            installed = connect.installThroughLinkToken(session.options().linkToken(), integration, credentials);
        } catch (ConnectFlow.TooManyAttempts exhausted) {
            return message(session, 429, "Too many attempts", "These details were refused too many times. "
                    + "Please try again in an hour.");
        } catch (ConnectFlow.Refused refused) {
            return form(session, integration, credentials, refused.errors(), refused.alert(), 422);
        } catch (ConnectFlow.Gone e) {
            return gone(session.options().origin());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("source", "switchboard-connect");
        result.put("type", "success");
        result.put("auth_code", installed.authCode());
        result.put("integration_name", integration.integrationName());
        View.Result message = new View.Result(session.options().origin(), scriptSafe(result));
        View.Page page = page(session, false);
        return HostedResponses.html(200, page, HostedPages.done(page, integration.displayName(), message),
                session.frameAncestors(), List.of());
    }

    // ---- The session: a link token that is still good, and an origin allowed to frame it ----------------------------

    private record Session(LinkTokenService.Grant grant, Organization org, Options options,
            List<Integration> candidates,
            List<String> frameAncestors) {
    }

    private Optional<Session> session(MultivaluedMap<String, String> params) {
        Options options = Options.from(params);
        if (options.linkToken() == null || options.linkToken().length() > 200) {
            return Optional.empty();
        }
        return connect.peek(options.linkToken()).flatMap(grant -> {
            Organization org = Organization.asSeenIn(grant.tenant().organizationId(), grant.tenant().environment());
            if (org == null || org.status != OrganizationStatus.ACTIVE) {
                // A suspended organization's Connect modal opens nothing (issue 14).
                return Optional.empty();
            }
            String origin = HostedResponses.origin(options.origin());
            // The one URL policy: the organization's allowed_origins, plus local origins in dev and tests only; it
            // never opens framing to any other origin (issue 14).
            if (!urls.mayFrame(origin, org.allowedOrigins)) {
                return Optional.empty();
            }
            boolean local = !org.allowedOrigins.contains(origin);
            List<Integration> candidates = connect.offered(grant);
            List<String> ancestors = local ? List.of(origin) : List.copyOf(org.allowedOrigins);
            return Optional.of(new Session(grant, org, new Options(options.linkToken(), origin,
                    options.integration()), candidates, ancestors));
        });
    }

    private Response show(MultivaluedMap<String, String> params) {
        Optional<Session> found = session(params);
        if (found.isEmpty()) {
            return gone(params.getFirst("origin"));
        }
        Session session = found.get();
        if (session.candidates().isEmpty()) {
            return message(session, 200, "Nothing to connect", "No system matches what this page was asked to offer.");
        }
        Optional<Integration> preselected = session.candidates().stream()
                .filter(i -> i.integrationName().equals(session.options().integration())).findFirst();
        if (preselected.isPresent() || session.candidates().size() == 1) {
            return form(session, preselected.orElse(session.candidates().get(0)), Map.of(), Map.of(), null, 200);
        }
        return picker(session);
    }

    private Response picker(Session session) {
        List<View.Choice> choices = session.candidates().stream().map(View.Choice::of).toList();
        View.Page page = page(session, true);
        return HostedResponses.html(200, page,
                HostedPages.picker(page, "system", choices, "/link/connect", hidden(session), null),
                session.frameAncestors(), List.of());
    }

    private Response form(Session session, Integration integration, Map<String, String> submitted,
            Map<String, List<String>> errors, String alert, int status) {
        View.Page page = page(session, true);
        return HostedResponses.html(status, page, HostedPages.form(page, View.Choice.of(integration),
                InstallForm.fields(integration, submitted, errors), "/link/connect", alert,
                session.grant().connectionId() != null, null, hidden(session)), session.frameAncestors(), List.of());
    }

    private Response message(Session session, int status, String heading, String text) {
        View.Page page = page(session, false);
        return HostedResponses.html(status, page, HostedPages.problem(page, heading, text, null),
                session.frameAncestors(),
                List.of());
    }

    /** The token is unknown, used or expired, or the origin may not embed it: say so, naming no one. */
    private Response gone(String origin) {
        View.Page page = new View.Page(View.Brand.anonymous(), HostedResponses.nonce(), null, null,
                HostedResponses.origin(origin));
        return HostedResponses.html(410, page, HostedPages.problem(page, "This session has ended",
                "Close this window and start connecting again.", null),
                urls.isLocalOrigin(HostedResponses.origin(origin))
                        ? List.of(HostedResponses.origin(origin))
                        : List.of(),
                List.of());
    }

    private View.Page page(Session session, boolean withForm) {
        return new View.Page(View.Brand.of(session.org()), HostedResponses.nonce(),
                withForm ? tokens.issue("connect|" + session.options().linkToken()) : null, null,
                session.options().origin());
    }

    /** The modal's state as hidden fields, so each step re-checks the token (and its filters) and the origin. */
    private static List<View.Hidden> hidden(Session session) {
        Options o = session.options();
        return List.of(new View.Hidden("link_token", o.linkToken()), new View.Hidden("origin", o.origin()));
    }

    private String scriptSafe(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&",
                    "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readScript() {
        try (InputStream in = ConnectPages.class.getClassLoader().getResourceAsStream("hosted/main.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
