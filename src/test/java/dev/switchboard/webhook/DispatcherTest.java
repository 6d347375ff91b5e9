package dev.switchboard.webhook;

import static dev.switchboard.testing.Fixtures.newOrganization;
import static dev.switchboard.webhook.WebhookTesting.await;
import static dev.switchboard.webhook.WebhookTesting.createWebhook;
import static dev.switchboard.webhook.WebhookTesting.magicLinkEvent;
import static dev.switchboard.webhook.WebhookTesting.testTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Several dispatchers over one database, as several service instances run them: the running service's own and more
 * made here with the same settings, racing for the same rows. And an instance that dies holding leases.
 */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DispatcherTest {

    @Inject
    Event<MagicLinkEvent> magicLinks;
    @Inject
    EntityManager em;
    @Inject
    WebhookDispatcher service;
    @Inject
    DeliveryStore store;

    @Test
    void dispatchers_racing_over_one_database_never_send_a_delivery_twice() throws Exception {
        int events = 60;
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            // Queued to come due together in 1.5 s, while every dispatcher is already polling.
            queue(org, id, events,
                    "status = 'pending', next_attempt_at = clock_timestamp() + interval '1500 milliseconds'");

            Map<String, Set<String>> claimedBy = new ConcurrentHashMap<>();
            List<String> claimLog = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> instances = new ArrayList<>();
            for (String name : List.of("instance-a", "instance-b", "instance-c")) {
                Dispatcher dispatcher = service.newDispatcher(name);
                Set<String> claimed = ConcurrentHashMap.newKeySet();
                claimedBy.put(name, claimed);
                Thread thread = new Thread(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (receiver.requests().size() < events && System.nanoTime() < deadline) {
                        List<DeliveryStore.Claim> claims = store.claim(3, Duration.ofSeconds(60));
                        for (DeliveryStore.Claim claim : claims) {
                            if (claim.endpointId().equals(id)) {
                                // A dispatcher claims whatever is due, also deliveries that earlier tests left
                                // failing and retrying (a new claim per attempt, legitimately by any dispatcher).
                                claimed.add(claim.deliveryId());
                            }
                            claimLog.add(name + ":" + claim.deliveryId() + "/attempt " + claim.attempts() + "/lease "
                                    + claim.leaseToken() + "@" + System.nanoTime());
                            dispatcher.deliver(claim);
                        }
                        if (claims.isEmpty()) {
                            Receiver.sleep(2);
                        }
                    }
                }, name);
                instances.add(thread);
                thread.start();
            }
            receiver.await(events, Duration.ofSeconds(20));
            for (Thread thread : instances) {
                thread.join(20_000);
            }
            Receiver.sleep(500);

            List<Receiver.Request> requests = receiver.requests();
            assertEquals(events, requests.size(), () -> "sent twice: " + twice(requests) + "; outcomes " + outcomes(id)
                    + "; claimed by " + claimedBy);
            assertEquals(events, requests.stream().map(r -> r.header("webhook-id")).distinct().count());
            Set<String> seen = new HashSet<>();
            for (Set<String> claimed : claimedBy.values()) {
                for (String delivery : claimed) {
                    assertTrue(seen.add(delivery), () -> "claimed by two dispatchers: " + delivery + "; claims "
                            + claimLog.stream().filter(l -> l.contains(delivery)).toList() + "; outcomes "
                            + outcomes(id) + "; sent twice: " + twice(requests));
                }
            }
            assertFalse(seen.isEmpty(), "the extra dispatchers took part: " + claimedBy);
            assertEquals(Map.of("succeeded/1", (long) events), outcomes(id));
        }
    }

    @Test
    void rows_left_in_flight_by_a_crashed_instance_are_sent_once_their_lease_ends() {
        int events = 20;
        try (Receiver receiver = Receiver.start()) {
            Org org = newOrganization();
            String id = createWebhook(org.testKey(), receiver.url("/"));
            // Exactly what a claim leaves behind when its instance is killed (kill -9) right after committing it.
            queue(org, id, events, "status = 'sending', attempts = 1, lease_token = 'crashed-instance',"
                    + " lease_expires_at = clock_timestamp() + interval '2500 milliseconds', last_attempt_at = now()");
            Receiver.sleep(1000);
            assertEquals(0, receiver.requests().size(), "a live lease is not taken over");

            receiver.await(events, Duration.ofSeconds(15));
            await("every row settled", Duration.ofSeconds(15),
                    () -> outcomes(id).equals(Map.of("succeeded/2", (long) events)));
            Receiver.sleep(300);
            assertEquals(events, receiver.requests().size());
            assertEquals(events, receiver.requests().stream().map(r -> r.header("webhook-id")).distinct().count());

            // The crashed instance coming back late cannot overwrite the outcome: its lease token is stale.
            String row = deliveryIds(id).get(0);
            DeliveryStore.Claim stale = new DeliveryStore.Claim(row, "crashed-instance", id, null, null, null, false, 1,
                    null,
                    SignatureScheme.STANDARD_WEBHOOKS, null, null, null, true);
            assertFalse(store.retry(stale, AttemptResult.noResponse("network", "late", 1), Duration.ZERO));
            assertFalse(store.failed(stale, AttemptResult.response(410, 1, null), "late"));
            assertEquals(Map.of("succeeded/2", (long) events), outcomes(id));
        }
    }

    /** Fires {@code count} events in one transaction, and sets their rows as the test needs before it commits. */
    private void queue(Org org, String endpointId, int count, String set) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                magicLinks.fire(magicLinkEvent(testTenant(org.id()), MagicLinkEvent.CREATED));
            }
            em.flush();
            int updated = em.createNativeQuery("update webhook_delivery set " + set + " where endpoint_id = ?1")
                    .setParameter(1, endpointId).executeUpdate();
            assertEquals(count, updated);
        });
    }

    /** The webhook ids received more than once, with their counts (to tell a re-send from a double claim). */
    private static Map<String, Long> twice(List<Receiver.Request> requests) {
        return requests.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** "status/attempts" -> number of rows, for the endpoint's deliveries. */
    private Map<String, Long> outcomes(String endpointId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em
                    .createNativeQuery("select status, attempts from webhook_delivery where endpoint_id = ?1")
                    .setParameter(1, endpointId).getResultList();
            return rows.stream().collect(Collectors.groupingBy(r -> r[0] + "/" + r[1], Collectors.counting()));
        });
    }

    private List<String> deliveryIds(String endpointId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> ids = em.createNativeQuery("select id from webhook_delivery where endpoint_id = ?1")
                    .setParameter(1, endpointId).getResultList();
            return ids;
        });
    }
}
