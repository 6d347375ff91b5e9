package dev.switchboard.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Local stand-ins for the three WMS vendors' APIs, one WireMock server each, started once per test JVM and named to
 * every Quarkus application of the suite through {@code switchboard.integrations.*.base-url}. Each answers the
 * credential checks of an install by default (lowest priority), so install tests work; adapter tests add their own
 * stubs and call {@link #reset()} when done.
 */
@QuarkusTestResource(VendorStandIns.Resource.class)
public final class VendorStandIns {

    private static WireMockServer shipbob;
    private static WireMockServer shiphero;
    private static WireMockServer extensiv;

    private VendorStandIns() {
    }

    public static synchronized WireMockServer shipbob() {
        start();
        return shipbob;
    }

    public static synchronized WireMockServer shiphero() {
        start();
        return shiphero;
    }

    public static synchronized WireMockServer extensiv() {
        start();
        return extensiv;
    }

    /** Drops every stub and recorded request, and puts the default credential checks back. */
    public static synchronized void reset() {
        start();
        for (WireMockServer server : new WireMockServer[]{ shipbob, shiphero, extensiv }) {
            server.resetAll();
        }
        defaults();
    }

    private static synchronized void start() {
        if (shipbob != null) {
            return;
        }
        shipbob = server();
        shiphero = server();
        extensiv = server();
        defaults();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shipbob.stop();
            shiphero.stop();
            extensiv.stop();
        }));
    }

    private static WireMockServer server() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1").containerThreads(20).gzipDisabled(true));
        server.start();
        return server;
    }

    /** Any credentials pass the install check, except the ones tests use to see a refusal. */
    private static void defaults() {
        shipbob.stubFor(get(urlPathEqualTo("/2026-01/channel")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("vendors/shipbob/channels.json"))));
        shiphero.stubFor(post(urlPathEqualTo("/auth/token")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"sh-access-default\",\"expires_in\":2419200,"
                                + "\"refresh_token\":\"sh-refresh-default\",\"scope\":\"email profile offline_access\","
                                + "\"token_type\":\"Bearer\"}")));
        shiphero.stubFor(post(urlPathEqualTo("/graphql")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("vendors/shiphero/account.json"))));
        extensiv.stubFor(post(urlPathEqualTo("/AuthServer/api/Token")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"ex-access-default\",\"token_type\":\"Bearer\","
                                + "\"expires_in\":3600,\"refresh_token\":null,\"scope\":null}")));
        extensiv.stubFor(get(urlPathEqualTo("/customers")).atPriority(100)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json")
                        .withBody(resource("vendors/extensiv/customers.json"))));
    }

    public static String resource(String name) {
        try (InputStream in = VendorStandIns.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("switchboard.integrations.shipbob.base-url", shipbob().baseUrl(),
                    "switchboard.integrations.shiphero.base-url", shiphero().baseUrl(),
                    "switchboard.integrations.extensiv-3pl-central.base-url", extensiv().baseUrl());
        }

        @Override
        public void stop() {
            // Shared by every application of this JVM; stopped by the shutdown hook.
        }
    }
}
