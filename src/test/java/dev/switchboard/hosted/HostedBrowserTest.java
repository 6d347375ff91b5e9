package dev.switchboard.hosted;

import static dev.switchboard.testing.Fixtures.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import dev.switchboard.testing.Browser;
import dev.switchboard.testing.Browser.Viewport;
import dev.switchboard.testing.BrowserPackages;
import dev.switchboard.testing.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A customer's whole onboarding in Debian's Chromium, on a desktop and on a 375-pixel phone. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HostedBrowserTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void a_customer_picks_the_sandbox_and_connects_on_a_desktop() {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON)
                .body("{\"display_name\":\"Acme Logistics\",\"brand_color\":\"#0f766e\",\"support_email\":\"help@acme.example\"}")
                .patch("/organization").then().statusCode(200);
        String id = Hosted.link(org.testKey(), """
                {"integration_allow_list":["shipbob","shiphero","sandbox"],"sandbox":true,"customer_id":"cus-1"}""");
        Page page = browser.page(Viewport.DESKTOP);
        page.navigate(url("/link/" + id));
        assertTrue(page.textContent("h1").contains("Connect your warehouse system"));
        assertTrue(page.textContent(".brand").contains("Acme Logistics"));
        Browser.screenshot(page, "01-picker", Viewport.DESKTOP);
        page.waitForCondition(() -> Hosted.activity(org.testKey(), id).contains("opened"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sandbox")).click();
        page.waitForURL("**/connect/sandbox");
        Browser.screenshot(page, "02-form", Viewport.DESKTOP);
        page.getByLabel("Username").fill("warehouse-admin");
        page.getByLabel("Password").fill("correct horse");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        page.waitForSelector("text=You’re connected");
        Browser.screenshot(page, "03-done", Viewport.DESKTOP);
        assertFalse(page.content().contains("correct horse"));

        as(org.testKey()).get("/connections?customer_id=cus-1").then().statusCode(200)
                .body("data.integration_name", contains("sandbox"));
        assertEquals(List.of("created", "opened", "integration_selected", "completed"),
                Hosted.activity(org.testKey(), id));
        page.context().close();
    }

    @Test
    void an_edit_while_the_page_is_open_shows_the_new_offer_at_the_next_step() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), """
                {"integration_allow_list":["shipbob","shiphero"],"sandbox":true,"customer_id":"cus-edit"}""");
        Page page = browser.page(Viewport.DESKTOP);
        page.navigate(url("/link/" + id));
        assertTrue(page.isVisible("li[data-name*='shipbob']"));
        // The organization takes ShipBob out of the offer while the customer looks at the picker.
        as(org.testKey()).contentType(ContentType.JSON).body("{\"integration_allow_list\":[\"shiphero\"]}")
                .patch("/magic-links/" + id).then().statusCode(200);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("ShipBob")).click();
        page.waitForSelector("[role=alert]");
        Browser.screenshot(page, "07-offer-changed", Viewport.DESKTOP);
        assertTrue(page.textContent("[role=alert]").contains("no longer offered"), page.textContent("[role=alert]"));
        assertFalse(page.isVisible("li[data-name*='shipbob']"));
        assertTrue(page.isVisible("li[data-name*='shiphero']"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sandbox")).click();
        page.waitForURL("**/connect/sandbox");
        page.getByLabel("Username").fill("warehouse-admin");
        page.getByLabel("Password").fill("correct horse");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        page.waitForSelector("text=You’re connected");
        as(org.testKey()).get("/connections?customer_id=cus-edit").then().statusCode(200)
                .body("data.integration_name", contains("sandbox"));
        page.context().close();
    }

    @Test
    void on_a_phone_the_search_narrows_the_picker_and_errors_show_beside_the_field() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Hosted.link(org.testKey(), "{\"integration_type\":\"cart\",\"sandbox\":true}");
        Page page = browser.page(Viewport.MOBILE);
        page.navigate(url("/link/" + id));
        Browser.screenshot(page, "04-picker", Viewport.MOBILE);
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= 375"), "no sideways scrolling");
        page.getByLabel("Search").fill("shop");
        assertTrue(page.isVisible("li[data-name*='shopify']"));
        assertFalse(page.isVisible("li[data-name*='woocommerce']"));
        Browser.screenshot(page, "05-search", Viewport.MOBILE);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Shopify")).click();
        page.getByLabel("Store domain").fill("https://my-store.example.com");
        page.getByLabel("Admin API access token").fill("shpat_not-a-real-token");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        page.waitForSelector(".field.invalid");
        Browser.screenshot(page, "06-form-errors", Viewport.MOBILE);
        assertTrue(page.textContent("#f-shop_domain-error").contains("Not in the expected format"));
        assertEquals("https://my-store.example.com", page.inputValue("#f-shop_domain"), "non-secret values are kept");
        assertEquals("", page.inputValue("#f-admin_api_access_token"), "secrets are never sent back");
        assertFalse(page.content().contains("shpat_not-a-real-token"));
        page.context().close();
    }

    @Test
    void one_candidate_skips_the_picker_and_a_reinstall_keeps_the_connection() {
        Fixtures.Org org = Fixtures.newOrganization();
        String first = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true}");
        Page page = browser.page(Viewport.DESKTOP);
        page.navigate(url("/link/" + first));
        assertTrue(page.textContent("h1").contains("Connect Sandbox"), "straight to the form");
        page.getByLabel("Username").fill("a");
        page.getByLabel("Password").fill("b");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        page.waitForSelector("text=You’re connected");
        String connectionId = as(org.testKey()).get("/connections").then().extract().path("data[0].connection_id");

        String again = Hosted.link(org.testKey(), "{\"connection_id\":\"" + connectionId + "\"}");
        page.navigate(url("/link/" + again));
        assertTrue(page.textContent(".lead").contains("again"));
        Browser.screenshot(page, "07-reinstall", Viewport.DESKTOP);
        page.getByLabel("Username").fill("a2");
        page.getByLabel("Password").fill("b2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
        page.waitForSelector("text=You’re connected");
        as(org.testKey()).get("/connections").then().body("data.connection_id", contains(connectionId));
        page.context().close();
    }

    @Test
    void every_error_page_looks_right() throws Exception {
        Fixtures.Org org = Fixtures.newOrganization();
        as(org.testKey()).contentType(ContentType.JSON).body("{\"display_name\":\"Acme Logistics\"}")
                .patch("/organization").then().statusCode(200);
        String revoked = Hosted.link(org.testKey(), "{}");
        as(org.testKey()).delete("/magic-links/" + revoked).then().statusCode(200);
        String expired = Hosted.link(org.testKey(), "{}");
        try (var connection = db.getConnection();
                var update = connection.prepareStatement(
                        "update magic_link set created_at = now() - interval '9 days', expires_at = now() - interval '1 day' where id = ?")) {
            update.setString(1, expired);
            update.executeUpdate();
        }
        String used = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true}");
        HostedPagesTest.install(used, "sandbox", "ok").then().statusCode(200);
        String blocked = Hosted.link(org.testKey(), "{\"integration_allow_list\":[\"sandbox\"],\"sandbox\":true}");
        for (int i = 0; i < 10; i++) {
            HostedPagesTest.install(blocked, "sandbox", "fail").then().statusCode(422);
        }
        for (Viewport viewport : Viewport.values()) {
            Page page = browser.page(viewport);
            page.navigate(url("/link/0123456789abcdef0123456789abcdef"));
            Browser.screenshot(page, "08-unknown", viewport);
            page.navigate(url("/link/" + revoked));
            assertTrue(page.textContent("h1").contains("withdrawn"));
            Browser.screenshot(page, "09-revoked", viewport);
            page.navigate(url("/link/" + expired));
            assertTrue(page.textContent("h1").contains("expired"));
            Browser.screenshot(page, "12-expired", viewport);
            page.navigate(url("/link/" + used));
            assertTrue(page.textContent("h1").contains("already connected"));
            Browser.screenshot(page, "13-used", viewport);
            page.navigate(url("/link/" + blocked));
            page.getByLabel("Username").fill("u");
            page.getByLabel("Password").fill("right-this-time");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect")).click();
            page.waitForSelector("text=Too many attempts");
            Browser.screenshot(page, "14-too-many-attempts", viewport);
            page.context().close();
        }
    }

    @Test
    void the_official_react_component_connects_through_the_embedded_modal() throws Exception {
        Path modules = BrowserPackages.nodeModules();
        Fixtures.Org org = Fixtures.newOrganization();
        // The app's origin must be one the organization allows, as in production (the test profile's localhost
        // switch only admits local origins).
        as(org.testKey()).contentType(ContentType.JSON).body("{\"allowed_origins\":[\"https://app.acme.test\"]}")
                .patch("/organization").then().statusCode(200);
        // What the modal offers is the link token's, set server-side; the component's props below ask for more (as a
        // customer editing the page could), and the modal still offers only the Sandbox, so it opens its form.
        String linkToken = as(org.testKey()).contentType(ContentType.JSON)
                .body(Map.of("customer_id", "cus-modal", "integration_allow_list", List.of("sandbox"), "sandbox", true))
                .post("/link/token").then().statusCode(200).extract().path("link_token");
        String app = """
                <!doctype html><html><head><meta charset="utf-8"><title>Acme app</title>
                <script src="/react.js"></script><script src="/react-dom.js"></script><script src="/trackstar-link.js"></script>
                </head><body><div id="root"></div><script>
                window.results = [];
                const e = React.createElement;
                function App() {
                  return e(TrackstarLink.TrackstarConnectButton, {
                    getLinkToken: async () => '%s',
                    onSuccess: (authCode, integrationName) => window.results.push({ authCode, integrationName }),
                    onClose: () => window.results.push({ closed: true }),
                    integrationType: 'wms', sandbox: true, integrationAllowList: ['shipbob', 'shiphero', 'sandbox']
                  }, 'Connect your WMS');
                }
                ReactDOM.createRoot(document.getElementById('root')).render(e(App));
                </script></body></html>"""
                .formatted(linkToken);
        BrowserContext context = browser.context(Viewport.DESKTOP);
        // The customer's app lives at https://app.acme.test; Trackstar's script address is answered by Switchboard.
        context.route("https://app.acme.test/**", route -> {
            String path = java.net.URI.create(route.request().url()).getPath();
            Path file = switch (path) {
                case "/react.js" -> modules.resolve("react/umd/react.production.min.js");
                case "/react-dom.js" -> modules.resolve("react-dom/umd/react-dom.production.min.js");
                case "/trackstar-link.js" -> modules.resolve("@trackstar/react-trackstar-link/dist/index.umd.js");
                default -> null;
            };
            if (file == null) {
                route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody(app));
            } else {
                route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/javascript")
                        .setBodyBytes(read(file)));
            }
        });
        // As a DNS record pointing Trackstar's address at Switchboard would: the package asks for /main.js there.
        context.route("https://link.trackstarhq.com/**", route -> {
            String path = route.request().url().substring("https://link.trackstarhq.com".length());
            String target = url(path.equals("/main.js") ? "/link/main.js" : path);
            Map<String, String> headers = new java.util.HashMap<>(route.request().headers());
            if (headers.containsKey("origin")) {
                headers.put("origin", url(""));
            }
            route.fulfill(new Route.FulfillOptions().setResponse(
                    route.fetch(new Route.FetchOptions().setUrl(target).setHeaders(headers))));
        });
        Page page = context.newPage();
        List<String> console = new java.util.ArrayList<>();
        page.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
        page.navigate("https://app.acme.test/");
        // The component loads the script, then calls init(); a person cannot click faster than that, a test can.
        page.waitForFunction("window.Trackstar && window.Trackstar.state.isLoaded");
        page.getByText("Connect your WMS").click();
        var frame = page.frameLocator("iframe[title='Connect your system']");
        frame.getByLabel("Username").fill("modal-user");
        frame.getByLabel("Password").fill("modal-pass");
        Browser.screenshot(page, "10-modal-form", Viewport.DESKTOP);
        frame.getByRole(AriaRole.BUTTON,
                new com.microsoft.playwright.FrameLocator.GetByRoleOptions().setName("Connect")).click();
        page.waitForCondition(() -> ((Number) page.evaluate("window.results.length")).intValue() > 0);
        Browser.screenshot(page, "11-modal-done", Viewport.DESKTOP);
        assertTrue(console.stream().noneMatch(m -> m.startsWith("error")), console::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.evaluate("window.results[0]");
        assertEquals("sandbox", result.get("integrationName"));
        Map<String, Object> exchanged = Hosted.exchange(org.testKey(), (String) result.get("authCode"));
        assertEquals("cus-modal", exchanged.get("customer_id"));
        assertNotNull(exchanged.get("access_token"));
        context.close();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
