package dev.switchboard.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.common.Base62;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.VendorStandIns;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.Passthrough;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;
import io.quarkus.test.junit.QuarkusTest;

/** Each adapter's passthrough: auth injected, the caller's auth dropped, the path kept on the vendor's API. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PassthroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WmsAdapters adapters;

    @AfterEach
    void reset() {
        VendorStandIns.reset();
    }

    private WmsAdapter adapter(String name) {
        return adapters.find(name).orElseThrow();
    }

    private static AdapterContext context(String name, Map<String, String> credentials) {
        return new AdapterContext(null, new Tenant("org_test", Environment.TEST), name, credentials, c -> {
        });
    }

    @Test
    void shipbob_gets_the_token_and_channel_and_the_vendors_answer_comes_back_as_it_came() throws Exception {
        String token = "pat_" + Base62.random(12);
        VendorStandIns.shipbob().stubFor(post(urlPathEqualTo("/2026-01/order")).willReturn(aResponse()
                .withStatus(422).withHeader("Content-Type", "application/json").withHeader("x-remaining-calls", "12")
                .withBody("{\"errors\":[\"Cannot insert order with existing ReferenceId\"]}")));
        Passthrough.Response answer = adapter("shipbob").passthrough(context("shipbob",
                Map.of("personal_access_token", token, "channel_id", "100102")),
                new Passthrough.Request("POST",
                        "/2026-01/order", JSON.readTree("{\"reference_id\":\"R-1\"}"),
                        Map.of("Authorization", "Bearer stolen", "X-Custom", "yes"), Map.of("dry", "1")));
        assertEquals(422, answer.statusCode());
        assertEquals("12", answer.headers().get("x-remaining-calls"));
        assertEquals("Cannot insert order with existing ReferenceId", answer.body().at("/errors/0").asText());
        VendorStandIns.shipbob().verify(postRequestedFor(urlPathEqualTo("/2026-01/order"))
                .withHeader("Authorization", equalTo("Bearer " + token)).withHeader("shipbob_channel_id",
                        equalTo("100102"))
                .withHeader("X-Custom", equalTo("yes")).withQueryParam("dry", equalTo("1"))
                .withRequestBody(equalToJson("{\"reference_id\":\"R-1\"}")));
    }

    @Test
    void paths_off_the_vendors_api_are_refused_before_any_call() {
        AdapterContext shipbob = context("shipbob", Map.of("personal_access_token", "pat_x"));
        for (String path : new String[]{ "/2026-01/../admin", "//evil.example/x", "http://evil.example/2026-01/order",
                "/2026-01/%2e%2e/x", "/admin", "2026-01/order", "/2026-01\\..\\x", "/2026-01/order@evil" }) {
            AdapterException e = assertThrows(AdapterException.class, () -> adapter("shipbob").passthrough(shipbob,
                    new Passthrough.Request("GET", path, null, Map.of(), Map.of())), path);
            assertEquals(400, e.status(), path);
        }
        assertThrows(AdapterException.class, () -> adapter("shipbob").passthrough(shipbob,
                new Passthrough.Request("TRACE", "/2026-01/order", null, Map.of(), Map.of())));
        AdapterContext extensiv = context("extensiv-3pl-central", Map.of("client_id", "c", "client_secret", "s",
                "user_login", "u", "customer_id", "5", "access_token", "t", "access_token_expires_at",
                "2099-01-01T00:00:00Z"));
        assertThrows(AdapterException.class, () -> adapter("extensiv-3pl-central").passthrough(extensiv,
                new Passthrough.Request("POST", "/AuthServer/api/Token", null, Map.of(), Map.of())));
        VendorStandIns.shipbob().verify(0, getRequestedFor(anyUrl()));
        VendorStandIns.extensiv().verify(0, postRequestedFor(urlPathEqualTo("/AuthServer/api/Token")));
    }

    @Test
    void shiphero_and_extensiv_inject_their_tokens() throws Exception {
        VendorStandIns.shiphero().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1).willReturn(aResponse()
                .withStatus(200).withBody("{\"data\":{\"user_quota\":{\"credits_remaining\":3890}}}")));
        Passthrough.Response quota = adapter("shiphero").passthrough(context("shiphero", Map.of("username", "u@x.y",
                "access_token", "sh-pt", "refresh_token", "r", "access_token_expires_at", "2099-01-01T00:00:00Z")),
                new Passthrough.Request("POST", "/graphql", JSON.readTree("{\"query\":\"{ user_quota { "
                        + "credits_remaining } }\"}"), Map.of(), Map.of()));
        assertEquals(3890, quota.body().at("/data/user_quota/credits_remaining").asInt());
        VendorStandIns.shiphero().verify(postRequestedFor(urlPathEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer sh-pt")));

        VendorStandIns.extensiv().stubFor(get(urlPathEqualTo("/orders/184522")).willReturn(aResponse()
                .withStatus(404)));
        Passthrough.Response missing = adapter("extensiv-3pl-central").passthrough(context("extensiv-3pl-central",
                Map.of("client_id", "c", "client_secret", "s", "user_login", "u", "customer_id", "5",
                        "access_token", "ex-pt", "access_token_expires_at", "2099-01-01T00:00:00Z")),
                new Passthrough.Request("GET", "/orders/184522", null, Map.of("Cookie", "a=b"), Map.of()));
        assertEquals(404, missing.statusCode());
        VendorStandIns.extensiv().verify(getRequestedFor(urlPathEqualTo("/orders/184522"))
                .withHeader("Authorization", equalTo("Bearer ex-pt")).withHeader("Cookie", absent())
                .withHeader("Accept", equalTo("application/hal+json")));
    }
}
