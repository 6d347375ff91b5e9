package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.webhook.Receiver.Reply;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One attempt as the sender sees it, against a real receiver on loopback. An answer without a body (a 204) can end
 * before the sender looks at it; that once counted as a failed attempt and the webhook was sent again.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeliverySenderTest {

    /** The race showed about once in 200 sends; this many sends catch it with high probability. */
    private static final int SENDS = 600;

    @Inject
    DeliverySender sender;
    @Inject
    PayloadCipher cipher;

    @Test
    void every_answer_without_a_body_is_read_as_the_receivers_status() {
        try (Receiver receiver = Receiver.start()) {
            receiver.respond(r -> Reply.status(204));
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                AttemptResult result = sender.send(claim(receiver.url("/hooks"), "evt_sender_" + i));
                if (result.statusCode() == null || result.statusCode() != 204) {
                    wrong.add(i + ": " + result);
                }
            }
            assertEquals(List.of(), wrong, "attempts not read as the receiver's 204");
            assertEquals(SENDS, receiver.requests().size());
        }
    }

    private DeliveryStore.Claim claim(String url, String eventId) {
        String endpointId = "wh_sender_test";
        byte[] payload = cipher.seal("{\"event_type\":\"magic_link.created\"}".getBytes(StandardCharsets.UTF_8),
                WebhookDelivery.payloadContext(eventId));
        byte[] secret = cipher.seal("whsec_c2VuZGVyLXRlc3Qtc2VjcmV0LTAxMjM0NTY3".getBytes(StandardCharsets.UTF_8),
                WebhookEndpoint.secretContext(endpointId));
        return new DeliveryStore.Claim("whd_sender_test", "lease", endpointId, eventId, "magic_link.created", payload,
                false, 1, url, SignatureScheme.STANDARD_WEBHOOKS, secret, null, null, true);
    }
}
