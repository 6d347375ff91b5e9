package dev.switchboard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.AccessTokenFormat;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.tenant.Environment;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.webhook.PayloadCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Connections of the scripted integration, made as an install makes them (row + connection.created, one transaction).
 */
@ApplicationScoped
public class SyncTesting {

    record Made(String connectionId, String accessToken, Tenant tenant) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    SecretBox secrets;
    @Inject
    Event<ConnectionEvent> events;
    @Inject
    ObjectMapper json;
    @Inject
    PayloadCipher cipher;

    Made connect(String organizationId, List<String> actions) {
        return connect(organizationId, actions, id -> {
        });
    }

    /** {@code prepare} gets the new connection's id before its schedules exist (to fill the scripted system). */
    Made connect(String organizationId, List<String> actions, java.util.function.Consumer<String> prepare) {
        Tenant tenant = new Tenant(organizationId, Environment.TEST);
        String id = "conn_" + dev.switchboard.common.Base62.random(24);
        prepare.accept(id);
        String token = AccessTokenFormat.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                    insert into connection (id, organization_id, environment, integration_type, integration_name,
                                            status, available_actions, access_token_hash, access_token)
                    values (?, ?, 'test', 'wms', ?, 'active', ?, ?, ?)""")) {
                s.setString(1, id);
                s.setString(2, organizationId);
                s.setString(3, ScriptedAdapter.NAME);
                s.setArray(4, c.createArrayOf("text", actions.toArray()));
                s.setBytes(5, secrets.lookupHash(token));
                s.setBytes(6, secrets.seal(token, "connection.access_token:" + id));
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            events.fire(new ConnectionEvent(tenant, ConnectionEvent.CREATED, id, ScriptedAdapter.NAME,
                    IntegrationType.WMS, null, Instant.now(), false, token));
        });
        return new Made(id, token, tenant);
    }

    ObjectNode order(String id, String status, Instant updated) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.put("order_number", "SO-" + id);
        o.put("status", status);
        o.put("created_date", updated.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        o.put("updated_date", updated.truncatedTo(ChronoUnit.SECONDS).toString());
        o.putArray("line_items").addObject().put("product_id", "p1").put("sku", "SKU-1").put("quantity", 2)
                .put("unit_price", 9.5).put("discount_amount", 0).put("is_picked", false);
        o.putArray("shipments");
        return o;
    }

    /** A shipment as the contract's OrderShipment has it. */
    ObjectNode shipment(String id) {
        ObjectNode s = json.createObjectNode();
        s.put("shipment_id", id);
        s.put("warehouse_id", "wh1");
        s.put("raw_status", "shipped");
        s.put("status", "shipped");
        s.put("shipped_date", "2026-01-02T03:04:05Z");
        s.put("shipping_method", "ground");
        s.putArray("line_items");
        s.putArray("packages");
        ObjectNode to = s.putObject("ship_to_address");
        for (String f : List.of("address1", "address2", "address3", "city", "company", "country", "email_address",
                "full_name", "phone_number", "postal_code", "state")) {
            to.put(f, "x");
        }
        ObjectNode from = s.putObject("ship_from_address");
        for (String f : List.of("address1", "address2", "address3", "city", "country", "postal_code", "state")) {
            from.put(f, "x");
        }
        return s;
    }

    ObjectNode inventory(String id, int onhand) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.put("sku", "SKU-" + id);
        o.put("onhand", onhand);
        return o;
    }

    long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                SyncRepository.bind(s, params);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    List<String> strings(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                SyncRepository.bind(s, params);
                List<String> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }

    void exec(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                SyncRepository.update(c, sql, params);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The opened JSON bodies queued for a connection's events of these types, oldest first. */
    List<ObjectNode> webhooks(String organizationId, String eventType) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ObjectNode> out = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                    select distinct on (event_id) event_id, payload, created_at from webhook_delivery
                     where organization_id = ? and event_type = ? order by event_id""")) {
                s.setString(1, organizationId);
                s.setString(2, eventType);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byte[] body = cipher.open(r.getBytes(2), "webhook_event.payload:" + r.getString(1));
                        out.add((ObjectNode) json.readTree(body));
                    }
                }
            }
            return out;
        });
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
