package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** The entry points the hosted install flow and magic links call, tested at the service level. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConnectionServiceTest {

    @Inject
    ConnectionService connections;
    @Inject
    LinkTokenService linkTokens;
    @Inject
    Catalog catalog;
    @Inject
    RecordedConnectionEvents events;
    @Inject
    DataSource dataSource;

    private Integration shiphero() {
        return Installs.integration(catalog, IntegrationType.WMS, "shiphero");
    }

    private Integration sandbox(IntegrationType type) {
        return Installs.integration(catalog, type, Integration.SANDBOX);
    }

    private static Map<String, List<String>> jsonDetail(ValidationProblem problem) {
        return problem.body().detail().get(ValidationProblem.JSON);
    }

    private int sql(String statement, Object... params) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement ps = db.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Test
    void an_install_creates_a_connection_with_the_actions_the_link_left_enabled() {
        Tenant tenant = Installs.test(Fixtures.newOrganization());
        ConnectionService.Installed installed = connections.install(tenant, shiphero(), "cust-1",
                Installs.SHIPHERO_CREDENTIALS, List.of(Action.CREATE_ORDER, Action.CANCEL_ORDER), "ml_abc", null);

        dev.switchboard.connection.Connection c = installed.connection();
        assertFalse(installed.reinstalled());
        assertTrue(c.id.startsWith("conn_"), c.id);
        assertTrue(installed.authCode().startsWith("ac_"), installed.authCode());
        assertEquals("shiphero", c.integrationName);
        assertEquals(IntegrationType.WMS, c.integrationType);
        assertEquals("cust-1", c.customerId);
        assertEquals("ml_abc", c.magicLinkId);
        assertEquals(0, c.timesUsed);
        assertNull(c.lastUsed);
        assertFalse(c.availableActions.contains("create_order"));
        assertFalse(c.availableActions.contains("cancel_order"));
        assertEquals(shiphero().availableActions().size() - 2, c.availableActions.size());
        // ShipHero's stand-in accepted the password and gave tokens: those are stored, the password is not.
        Map<String, String> stored = connections.credentials(tenant, c.id);
        assertEquals(Installs.SHIPHERO_CREDENTIALS.get("username"), stored.get("username"));
        assertEquals("sh-access-default", stored.get("access_token"));
        assertNull(stored.get("password"));
    }

    @Test
    void a_first_install_fires_connection_created_with_the_token_inside_the_transaction() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), "cust-ev");
        List<RecordedConnectionEvents.Recorded> fired = events.of(installed.connection().id);
        assertEquals(1, fired.size());
        ConnectionEvent event = fired.get(0).event();
        assertTrue(fired.get(0).inTransaction());
        assertEquals(ConnectionEvent.CREATED, event.eventType());
        assertEquals(Installs.test(org), event.tenant());
        assertEquals("shiphero", event.integrationName());
        assertEquals(IntegrationType.WMS, event.integrationType());
        assertEquals("cust-ev", event.customerId());
        assertEquals(Installs.exchange(org.testKey(), installed.authCode()), event.accessToken());
    }

    @Test
    void credentials_are_checked_against_the_catalog_fields_and_nothing_is_stored_on_a_problem() {
        Tenant tenant = Installs.test(Fixtures.newOrganization());
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> connections.install(tenant, shiphero(),
                null, Map.of("username", "not-an-email", "api_key", "x"), List.of(), null, null));
        Map<String, List<String>> detail = jsonDetail(problem);
        assertEquals(List.of(
                "Not in the expected format. The email of a ShipHero user with API access (My Account > Developer Users: "
                        + "a third-party developer user is best)."),
                detail.get("username"));
        assertEquals(List.of("Required."), detail.get("password"));
        assertEquals(List.of("Unknown field."), detail.get("api_key"));
        assertTrue(connections.page(tenant, null, null, null, 10).isEmpty());
    }

    @Test
    void the_sandbox_rejects_the_password_fail_and_accepts_any_other() {
        Tenant tenant = Installs.test(Fixtures.newOrganization());
        CredentialsRejected rejected = assertThrows(CredentialsRejected.class, () -> connections.install(tenant,
                sandbox(IntegrationType.CART), null, Map.of("username", "me", "password", "fail"), List.of(), null,
                null));
        assertEquals(400, rejected.status());
        assertEquals("CREDENTIALS_REJECTED", rejected.code());
        assertTrue(connections.page(tenant, null, null, null, 10).isEmpty());

        ConnectionService.Installed ok = connections.install(tenant, sandbox(IntegrationType.CART), null,
                Map.of("username", "me", "password", "anything"), List.of(), null, null);
        assertEquals("sandbox", ok.connection().integrationName);
        assertFalse(ok.connection().generatedSandbox);
    }

    @Test
    void a_reinstall_keeps_the_id_and_the_token_replaces_the_credentials_and_fires_nothing() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = Installs.test(org);
        ConnectionService.Installed first = Installs.shiphero(connections, catalog, tenant, "cust-r");
        String token = Installs.exchange(org.testKey(), first.authCode());

        ConnectionService.Installed again = connections.install(tenant, shiphero(), null,
                Map.of("username", "new@acme.example", "password", "rotated-password"), List.of(Action.GET_BILLS), null,
                first.connection().id);

        assertTrue(again.reinstalled());
        assertEquals(first.connection().id, again.connection().id);
        assertNotEquals(first.authCode(), again.authCode());
        assertEquals("cust-r", again.connection().customerId, "a reinstall without a customer id keeps the old one");
        assertFalse(again.connection().availableActions.contains("get_bills"));
        assertEquals("new@acme.example", connections.credentials(tenant, first.connection().id).get("username"));
        assertNull(connections.credentials(tenant, first.connection().id).get("password"));
        assertEquals(token, Installs.exchange(org.testKey(), again.authCode()));
        assertEquals(1, events.of(first.connection().id).size(), "only the first install fires connection.created");
    }

    @Test
    void a_reinstall_needs_an_active_connection_of_the_same_tenant_and_integration() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Installs.shiphero(connections, catalog, Installs.test(org), null).connection().id;
        Tenant other = Installs.test(Fixtures.newOrganization());

        ApiException notFound = assertThrows(ApiException.class, () -> connections.install(other, shiphero(), null,
                Installs.SHIPHERO_CREDENTIALS, List.of(), null, id));
        assertEquals(404, notFound.status());
        assertEquals(404,
                assertThrows(ApiException.class, () -> connections.install(Installs.live(org), shiphero(), null,
                        Installs.SHIPHERO_CREDENTIALS, List.of(), null, id)).status());
        ApiException mismatch = assertThrows(ApiException.class, () -> connections.install(Installs.test(org),
                sandbox(IntegrationType.WMS), null, Map.of("username", "u", "password", "p"), List.of(), null, id));
        assertEquals(409, mismatch.status());
        assertEquals("CONNECTION_INTEGRATION_MISMATCH", mismatch.code());
    }

    @Test
    void find_active_sees_only_live_connections_of_the_same_tenant() {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        String id = installed.connection().id;
        assertEquals(id, connections.findActive(Installs.test(org), id).orElseThrow().id);
        assertTrue(connections.findActive(Installs.live(org), id).isEmpty());
        assertTrue(connections.findActive(Installs.test(Fixtures.newOrganization()), id).isEmpty());
        assertTrue(connections.findActive(Installs.test(org), "conn_nope").isEmpty());
        assertTrue(connections.findActive(Installs.test(org), null).isEmpty());

        connections.delete(Installs.test(org), Installs.exchange(org.testKey(), installed.authCode()));
        assertTrue(connections.findActive(Installs.test(org), id).isEmpty());
    }

    @Test
    void a_link_token_is_consumed_once_and_tells_its_tenant_customer_and_connection() {
        Fixtures.Org org = Fixtures.newOrganization();
        Tenant tenant = Installs.live(org);
        String id = Installs.shiphero(connections, catalog, tenant, "cust-lt").connection().id;

        String token = linkTokens.create(tenant, id, null);
        LinkTokenService.Grant expected = new LinkTokenService.Grant(tenant, "cust-lt", id,
                LinkTokenService.Filters.NONE);
        assertEquals(expected, linkTokens.peek(token).orElseThrow());
        assertEquals(expected, linkTokens.consume(token).orElseThrow());
        assertTrue(linkTokens.consume(token).isEmpty());
        assertTrue(linkTokens.peek(token).isEmpty());

        String fresh = linkTokens.create(tenant, null, "cust-new");
        assertEquals(new LinkTokenService.Grant(tenant, "cust-new", null, LinkTokenService.Filters.NONE),
                linkTokens.consume(fresh).orElseThrow());
        assertTrue(linkTokens.consume("lt_unknown").isEmpty());
        assertTrue(linkTokens.consume(null).isEmpty());
    }

    @Test
    void an_expired_link_token_grants_nothing() throws SQLException {
        Tenant tenant = Installs.test(Fixtures.newOrganization());
        String token = linkTokens.create(tenant, null, "cust-exp");
        assertEquals(1, sql("update link_token set expires_at = now() - interval '1 second' "
                + "where organization_id = ? and customer_id = 'cust-exp'", tenant.organizationId()));
        assertTrue(linkTokens.peek(token).isEmpty());
        assertTrue(linkTokens.consume(token).isEmpty());
    }

    @Test
    void a_link_token_for_another_tenants_connection_is_refused() {
        Fixtures.Org org = Fixtures.newOrganization();
        String id = Installs.shiphero(connections, catalog, Installs.test(org), null).connection().id;
        ValidationProblem problem = assertThrows(ValidationProblem.class,
                () -> linkTokens.create(Installs.live(org), id, null));
        assertEquals(List.of("Connection not found."), jsonDetail(problem).get("connection_id"));
    }
}
