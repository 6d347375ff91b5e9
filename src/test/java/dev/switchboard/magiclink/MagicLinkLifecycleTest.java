package dev.switchboard.magiclink;

import static dev.switchboard.magiclink.MagicLinkTesting.create;
import static dev.switchboard.magiclink.MagicLinkTesting.expire;
import static dev.switchboard.testing.Fixtures.as;
import static dev.switchboard.testing.Fixtures.newOrganization;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Integration;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.MagicLinkEvent;
import dev.switchboard.magiclink.LinkLifecycle.HostedLink;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Contract;
import dev.switchboard.testing.Fixtures.Org;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The hosted page's and the connection install's side of a link, through the service they call. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MagicLinkLifecycleTest {

    @Inject
    MagicLinkService links;
    @Inject
    LinkLifecycle lifecycle;
    @Inject
    RecordedEvents events;
    @Inject
    DataSource db;
    @Inject
    MagicLinkValidator validator;

    private List<String> activity(Org org, String id) {
        return as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200).extract()
                .path("data.event");
    }

    private HostedLink hosted(String id) {
        return lifecycle.findForHostedPage(id).orElseThrow();
    }

    @Test
    void the_hosted_page_finds_any_tenants_link_by_id_with_what_it_offers() {
        Org org = newOrganization();
        String id = create(org.liveKey(),
                Map.of("integration_type", "freight", "integration_block_list", List.of("flexport"),
                        "sandbox", true, "metadata", Map.of("crm", "7")));
        HostedLink link = hosted(id);
        assertEquals(new Tenant(org.id(), Environment.LIVE), link.tenant());
        assertEquals(LinkStatus.CREATED, link.status());
        assertEquals(List.of("freightos", "chrobinson", "dhl-global-forwarding", "sandbox"),
                link.offeredIntegrations().stream().map(Integration::integrationName).toList());
        assertEquals(Map.of("crm", "7"), link.metadata());
        assertTrue(lifecycle.findForHostedPage("0123456789abcdef0123456789abcdef").isEmpty());
        assertTrue(lifecycle.findForHostedPage("../etc/passwd").isEmpty());
        assertTrue(lifecycle.findForHostedPage(null).isEmpty());
    }

    @Test
    void creating_fires_created_in_the_transaction_with_the_links_metadata() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("customer_id", "cust-9", "metadata", Map.of("crm", "42")));
        List<RecordedEvents.Recorded> fired = events.of(id);
        assertEquals(1, fired.size());
        MagicLinkEvent created = fired.get(0).event();
        assertTrue(fired.get(0).inTransaction());
        assertEquals(MagicLinkEvent.CREATED, created.eventType());
        assertEquals(new Tenant(org.id(), Environment.TEST), created.tenant());
        assertEquals("cust-9", created.customerId());
        assertEquals("http://localhost:8080/link/" + id, created.data().get("url"));
        assertEquals(Map.of("crm", "42"), created.metadata());
        assertEquals(List.of("created"), activity(org, id));
    }

    @Test
    void reading_a_link_never_opens_it_only_the_first_recorded_open_does() {
        Org org = newOrganization();
        String id = create(org.testKey());
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200);
        lifecycle.findForHostedPage(id);
        assertEquals(LinkStatus.CREATED, hosted(id).status());
        assertTrue(lifecycle.recordOpened(id));
        assertFalse(lifecycle.recordOpened(id));
        assertEquals(LinkStatus.OPENED, hosted(id).status());
        assertEquals(List.of("created", "opened"), activity(org, id));
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.OPENED), events.typesOf(id));
        assertTrue(events.of(id).stream().allMatch(RecordedEvents.Recorded::inTransaction));
        assertThrows(ApiException.class, () -> lifecycle.recordOpened("0123456789abcdef0123456789abcdef"));
    }

    @Test
    void a_full_successful_install_selects_fails_then_completes_and_the_link_is_spent() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("integration_allow_list", List.of("shipbob", "shiphero")));
        lifecycle.recordOpened(id);
        ValidationProblem notOffered = assertThrows(ValidationProblem.class,
                () -> lifecycle.recordIntegrationSelected(id, "deposco"));
        assertEquals(List.of("Not offered by this magic link."),
                notOffered.body().detail().get("json").get("integration_name"));
        lifecycle.recordIntegrationSelected(id, "shipbob");
        lifecycle.recordFailed(id, Map.of("reason", "credentials_rejected", "message", "ShipBob refused the token."));
        MagicLink completed = lifecycle.markCompleted(id, "conn_abc");
        assertEquals(LinkStatus.COMPLETED, completed.status);
        assertEquals(LinkStatus.COMPLETED, hosted(id).status());

        as(org.testKey()).get("/magic-links/" + id + "/activity").then().statusCode(200)
                .body("data.event", contains("created", "opened", "integration_selected", "failed", "completed"))
                .body("data[2].details.integration_name", equalTo("shipbob"))
                .body("data[3].details.reason", equalTo("credentials_rejected"))
                .body("data[3].details.integration_name", equalTo("shipbob"))
                .body("data[4].details.connection_id", equalTo("conn_abc"))
                .body("data[4].details.integration_name", equalTo("shipbob"))
                .body("data[4].details.reinstall", equalTo(false));
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.OPENED, MagicLinkEvent.INSTALL_FAILED,
                MagicLinkEvent.COMPLETED), events.typesOf(id));
        assertEquals("credentials_rejected", events.of(id).get(2).event().data().get("reason"));
        assertEquals("conn_abc", events.of(id).get(3).event().data().get("connection_id"));

        ApiException again = assertThrows(ApiException.class, () -> lifecycle.markCompleted(id, "conn_other"));
        assertEquals(409, again.status());
        assertEquals("MAGIC_LINK_NOT_USABLE", again.code());
        assertEquals(409,
                assertThrows(ApiException.class, () -> lifecycle.recordIntegrationSelected(id, "shipbob")).status());
        assertFalse(lifecycle.recordOpened(id));
        // Still listed and readable: completed is not revoked.
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200);
    }

    @Test
    void a_reinstall_link_says_so_when_completed() {
        Org org = newOrganization();
        String connection = as(org.testKey()).post("/sandbox/generate-sandbox/wms").then().statusCode(200)
                .extract().path("connection_id");
        String id = create(org.testKey(), Map.of("connection_id", connection));
        lifecycle.markCompleted(id, connection);
        assertEquals(true, events.of(id).get(1).event().data().get("reinstall"));
    }

    @Test
    void a_revoked_link_cannot_be_used_and_the_hosted_page_sees_it_revoked() {
        Org org = newOrganization();
        String id = create(org.testKey());
        as(org.testKey()).delete("/magic-links/" + id + "?reason=mistake").then().statusCode(200);
        assertEquals(LinkStatus.REVOKED, hosted(id).status());
        assertFalse(lifecycle.recordOpened(id));
        assertEquals(409, assertThrows(ApiException.class, () -> lifecycle.markCompleted(id, "conn_x")).status());
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.REVOKED), events.typesOf(id));
        assertEquals("mistake", events.of(id).get(1).event().data().get("reason"));
    }

    @Test
    void an_expired_link_is_derived_at_read_time_and_its_expired_event_recorded_once() {
        Org org = newOrganization();
        String id = create(org.testKey(), Map.of("metadata", Map.of("crm", "1")));
        lifecycle.recordOpened(id);
        expire(db, id);
        assertEquals(LinkStatus.EXPIRED, hosted(id).status());
        assertFalse(lifecycle.recordOpened(id));
        assertEquals(409,
                assertThrows(ApiException.class, () -> lifecycle.recordIntegrationSelected(id, "shipbob")).status());
        assertEquals(409, assertThrows(ApiException.class, () -> lifecycle.markCompleted(id, "conn_late")).status());
        // Expired links are still the organization's to read (only revoked ones are hidden).
        as(org.testKey()).filter(Contract.FILTER).get("/magic-links/" + id).then().statusCode(200);

        lifecycle.recordExpired(1000);
        lifecycle.recordExpired(1000);
        assertEquals(List.of("created", "opened", "expired"), activity(org, id));
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.OPENED, MagicLinkEvent.EXPIRED),
                events.typesOf(id));
        assertEquals(Map.of("crm", "1"), events.of(id).get(2).event().metadata());
        // Revoking it afterwards adds only the revocation.
        as(org.testKey()).delete("/magic-links/" + id).then().statusCode(200);
        lifecycle.recordExpired(1000);
        assertEquals(List.of("created", "opened", "expired", "revoked"), activity(org, id));
    }

    @Test
    void revoking_a_link_that_expired_unnoticed_records_the_expiry_first() {
        Org org = newOrganization();
        String id = create(org.testKey());
        expire(db, id);
        as(org.testKey()).delete("/magic-links/" + id).then().statusCode(200);
        lifecycle.recordExpired(1000);
        assertEquals(List.of("created", "expired", "revoked"), activity(org, id));
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.EXPIRED, MagicLinkEvent.REVOKED),
                events.typesOf(id));
    }

    @Test
    void a_failure_after_an_unswept_expiry_comes_after_the_expiry() {
        Org org = newOrganization();
        String id = create(org.testKey());
        expire(db, id);
        lifecycle.recordFailed(id, Map.of("reason", "timeout"));
        lifecycle.recordExpired(1000);
        assertEquals(List.of("created", "expired", "failed"), activity(org, id));
        assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.EXPIRED, MagicLinkEvent.INSTALL_FAILED),
                events.typesOf(id));
    }

    @Test
    void completed_and_revoked_links_never_expire() {
        Org org = newOrganization();
        String completed = create(org.testKey());
        lifecycle.markCompleted(completed, "conn_1");
        String revoked = create(org.testKey());
        as(org.testKey()).delete("/magic-links/" + revoked).then().statusCode(200);
        expire(db, completed);
        expire(db, revoked);
        lifecycle.recordExpired(1000);
        assertEquals(LinkStatus.COMPLETED, hosted(completed).status());
        assertEquals(LinkStatus.REVOKED, hosted(revoked).status());
        assertEquals(List.of("created", "completed"), activity(org, completed));
        assertEquals(List.of("created", "revoked"), activity(org, revoked));
    }

    @Test
    void sweepers_on_several_instances_record_each_expiry_once() throws Exception {
        Org org = newOrganization();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = create(org.testKey());
            expire(db, id);
            ids.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> sweeps = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    int n;
                    do {
                        n = lifecycle.recordExpired(2);
                    } while (n > 0);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sweep : sweeps) {
                sweep.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertEquals(List.of("created", "expired"), activity(org, id), id);
            assertEquals(List.of(MagicLinkEvent.CREATED, MagicLinkEvent.EXPIRED), events.typesOf(id), id);
        }
    }

    @Test
    void a_create_rolled_back_after_its_insert_leaves_neither_the_link_nor_its_activity() throws Exception {
        // The link and its created activity are written in the caller's transaction: a rollback leaves neither.
        Org org = newOrganization();
        Tenant tenant = new Tenant(org.id(), Environment.TEST);
        LinkSpec spec = validator.validate(new MagicLinkDtos.MagicLinkInput(null, null, null, null, null, null,
                "rolled-back", null, null, null, null));
        String[] created = new String[1];
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            created[0] = links.create(tenant, spec, null).magicLink().id();
            throw new IllegalStateException("the request failed after the insert");
        }));
        try (var c = db.getConnection();
                var s = c.prepareStatement("select (select count(*) from magic_link where id = ?) + "
                        + "(select count(*) from magic_link_activity where magic_link_id = ?)")) {
            s.setString(1, created[0]);
            s.setString(2, created[0]);
            try (var r = s.executeQuery()) {
                r.next();
                assertEquals(0, r.getInt(1));
            }
        }
        as(org.testKey()).get("/magic-links/" + created[0]).then().statusCode(404);
        String kept = links.create(tenant, spec, null).magicLink().id();
        assertEquals(List.of("created"), activity(org, kept));
    }
}
