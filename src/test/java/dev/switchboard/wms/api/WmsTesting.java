package dev.switchboard.wms.api;

import static dev.switchboard.testing.Fixtures.as;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.connection.ConnectionService;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.WmsContract;
import dev.switchboard.wms.WmsFunction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers for the read API: connections made through the real install and exchange, and records written
 * straight into {@code wms_record} with SQL, as the sync engine's write path would leave them (the read side's tests
 * do not depend on the engine).
 */
final class WmsTesting {

    /** A connection and its access token. */
    record Reader(Tenant tenant, String apiKey, String connectionId, String token) {

        RequestSpecification request() {
            return as(apiKey).filter(WmsContract.FILTER).header("x-trackstar-access-token", token);
        }
    }

    static final Map<String, String> SHIPHERO = Map.of("username", "ops@acme.example", "password", "pa55-shiphero");
    static final Map<String, String> SHIPBOB = Map.of("personal_access_token", "pat-0123456789");

    private WmsTesting() {
    }

    /** Installs {@code integration} for the tenant (withholding {@code disabled}) and exchanges its auth code. */
    static Reader connect(ConnectionService connections, Catalog catalog, Tenant tenant, String apiKey,
            String integration, List<Action> disabled, String magicLinkId) {
        Map<String, String> credentials = integration.equals("shipbob") ? SHIPBOB : SHIPHERO;
        ConnectionService.Installed installed = connections.install(tenant,
                catalog.find(IntegrationType.WMS, integration).orElseThrow(), "cust-1", credentials, disabled,
                magicLinkId, null);
        String token = as(apiKey).contentType(ContentType.JSON).body(Map.of("auth_code", installed.authCode()))
                .post("/link/exchange").then().statusCode(200).extract().path("access_token");
        return new Reader(tenant, apiKey, installed.connection().id, token);
    }

    static String apiKey(Fixtures.Org org, Tenant tenant) {
        return tenant.environment() == dev.switchboard.tenant.Environment.TEST ? org.testKey() : org.liveKey();
    }

    /**
     * Gives a connection an action no catalog WMS offers yet ({@code get_labor_activities}): the read API serves
     * whatever the connection's available actions hold.
     */
    static void grant(DataSource db, String connectionId, Action action) {
        sql(db, "update connection set available_actions = array_append(available_actions, ?) where id = ?",
                action.value(), connectionId);
    }

    /** Records 0..count-1 of a function, as {@link WmsFixtures} builds them; the trackstar dates are the system's. */
    static void seed(DataSource db, Reader reader, WmsFunction function, int count) {
        for (int n = 0; n < count; n++) {
            ObjectNode document = WmsFixtures.document(function, n);
            Instant stored = WmsFixtures.updated(n).plusSeconds(90);
            insert(db, reader, function, WmsFixtures.id(function, n), document, WmsFixtures.created(n),
                    WmsFixtures.updated(n), stored.minusSeconds(30), stored);
        }
    }

    static void insert(DataSource db, Reader reader, WmsFunction function, String recordId, ObjectNode document,
            Instant created, Instant updated, Instant trackstarCreated, Instant trackstarUpdated) {
        sql(db, "insert into wms_record (connection_id, function, record_id, organization_id, environment, document, "
                + "doc_hash, created_date, updated_date, trackstar_created_date, trackstar_updated_date) "
                + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)",
                reader.connectionId(), function.value(), recordId, reader.tenant().organizationId(),
                reader.tenant().environment().value(), document.toString(), sha256(document.toString()),
                ts(created), ts(updated), ts(trackstarCreated), ts(trackstarUpdated));
    }

    /** What the sync engine does when a record changed: a new document, dates moved. */
    static void update(DataSource db, Reader reader, WmsFunction function, String recordId, ObjectNode document,
            Instant at) {
        sql(db, "update wms_record set document = ?::jsonb, doc_hash = ?, updated_date = ?, trackstar_updated_date = ? "
                + "where connection_id = ? and function = ? and record_id = ?", document.toString(),
                sha256(document.toString()), ts(at), ts(at), reader.connectionId(), function.value(), recordId);
    }

    static void softDelete(DataSource db, Reader reader, WmsFunction function, String recordId) {
        sql(db, "update wms_record set deleted_at = now() where connection_id = ? and function = ? and record_id = ?",
                reader.connectionId(), function.value(), recordId);
    }

    static void sql(DataSource db, String statement, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
