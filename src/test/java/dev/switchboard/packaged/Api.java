package dev.switchboard.packaged;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client for the packaged service: no Quarkus, no RestAssured, just what a customer would send. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Reply(int status, JsonNode body, long millis) {
    }

    record Org(String id, String testKey) {
    }

    private Api() {
    }

    static Reply send(String method, String url, String key, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (key != null) {
                request.header(key.startsWith("packaged-") ? "Authorization" : "x-trackstar-api-key",
                        key.startsWith("packaged-") ? "Bearer " + key : key);
            }
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(method, text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("content-type", "application/json");
            }
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode json = response.body().isEmpty() || !response.body().startsWith("{")
                    ? null
                    : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, millis);
        } catch (IOException e) {
            return new Reply(-1, null, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, 0);
        }
    }

    static Org newOrganization(PackagedService service) {
        Reply reply = send("POST", service.url("/admin/organizations"), PackagedService.OPERATOR_TOKEN,
                Map.of("name", "IT " + System.nanoTime()));
        if (reply.status() != 201) {
            throw new IllegalStateException("operator API answered " + reply.status() + " " + reply.body());
        }
        return new Org(reply.body().path("id").asText(), reply.body().path("api_keys").get(0).path("key").asText());
    }

    static String newKey(PackagedService service, String adminKey, int ratePerHour) {
        Reply reply = send("POST", service.url("/api-keys"), adminKey,
                Map.of("name", "it", "scopes", List.of("write"), "rate_limit_per_hour", ratePerHour));
        if (reply.status() != 201) {
            throw new IllegalStateException("POST /api-keys answered " + reply.status() + " " + reply.body());
        }
        return reply.body().path("key").asText();
    }
}
