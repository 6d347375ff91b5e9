package dev.switchboard.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** A webhook receiver on 127.0.0.1 that answers 200 and keeps every delivery it got, duplicates included. */
final class Receiver implements AutoCloseable {

    record Received(String webhookId, String eventType, String magicLinkId) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = Api.JSON.readTree(body);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    json.path("event_type").asText(), json.path("magic_link_id").asText()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> ofType(String eventType) {
        return received.stream().filter(r -> r.eventType().equals(eventType)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
