package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** What the database holds, read with plain SQL: never a credential or a token in plaintext. */
@QuarkusTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretsAtRestTest {

    @Inject
    ConnectionService connections;
    @Inject
    LinkTokenService linkTokens;
    @Inject
    Catalog catalog;
    @Inject
    SecretBox secrets;
    /** The application's pool, used here for plain SQL: what a database reader would see. */
    @Inject
    DataSource dataSource;

    /** Every column of every row the query returns, as the bytes the database gave (text as UTF-8). */
    private List<byte[]> rawValues(String query, String param) throws SQLException {
        List<byte[]> values = new ArrayList<>();
        try (java.sql.Connection db = dataSource.getConnection(); PreparedStatement ps = db.prepareStatement(query)) {
            ps.setString(1, param);
            try (ResultSet rows = ps.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value = rows.getObject(i);
                        if (value instanceof byte[] bytes) {
                            values.add(bytes);
                        } else if (value instanceof Array array) {
                            values.add(Arrays.toString((Object[]) array.getArray()).getBytes(StandardCharsets.UTF_8));
                        } else if (value != null) {
                            values.add(value.toString().getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        assertFalse(values.isEmpty(), "the query found rows: " + query);
        return values;
    }

    private static boolean found(List<byte[]> values, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (byte[] value : values) {
            for (int i = 0; i + needle.length <= value.length; i++) {
                if (Arrays.equals(value, i, i + needle.length, needle, 0, needle.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertAbsent(List<byte[]> values, String secret) {
        assertFalse(found(values, secret), "a secret is stored in plaintext");
    }

    @Test
    void credentials_and_tokens_are_not_in_the_rows_in_plaintext() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        String password = "Very-Distinctive-Password-" + System.nanoTime();
        ConnectionService.Installed installed = connections.install(Installs.test(org),
                Installs.integration(catalog, IntegrationType.WMS, "shiphero"), "cust-raw",
                Map.of("username", "raw-user@acme.example", "password", password), List.of(), null, null);
        String id = installed.connection().id;
        String accessToken = Installs.exchange(org.testKey(), installed.authCode());
        String linkToken = linkTokens.create(Installs.test(org), id, null);

        List<byte[]> connectionRow = rawValues("select * from connection where id = ?", id);
        assertTrue(found(connectionRow, "cust-raw") && found(connectionRow, "get_inventory"),
                "the scan sees what is stored in plaintext");
        for (String secret : List.of(password, "raw-user@acme.example", accessToken, accessToken.substring(6, 30))) {
            assertAbsent(connectionRow, secret);
        }
        List<byte[]> codeRows = rawValues("select * from auth_code where connection_id = ?", id);
        assertAbsent(codeRows, installed.authCode());
        assertAbsent(codeRows, installed.authCode().substring(3));
        List<byte[]> linkRows = rawValues("select * from link_token where connection_id = ?", id);
        assertAbsent(linkRows, linkToken);
        assertAbsent(linkRows, linkToken.substring(3));
    }

    @Test
    void sealed_columns_name_the_current_key_and_the_lookup_hash_is_keyed() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        String accessToken = Installs.exchange(org.testKey(), installed.authCode());
        String id = installed.connection().id;

        byte[] credentials = rawValues("select credentials from connection where id = ?", id).get(0);
        byte[] sealedToken = rawValues("select access_token from connection where id = ?", id).get(0);
        byte[] hash = rawValues("select access_token_hash from connection where id = ?", id).get(0);
        assertEquals(secrets.currentKeyId(), SecretBox.keyIdOf(credentials));
        assertEquals(secrets.currentKeyId(), SecretBox.keyIdOf(sealedToken));
        assertArrayEquals(secrets.lookupHash(accessToken), hash);
        assertFalse(Arrays.equals(ApiKeyFormat.hash(accessToken), hash), "not a bare SHA-256 anyone could compute");
        assertEquals(accessToken, secrets.openString(sealedToken, "connection.access_token:" + id));
    }

    @Test
    void deleting_a_connection_erases_its_secrets() throws SQLException {
        Fixtures.Org org = Fixtures.newOrganization();
        ConnectionService.Installed installed = Installs.shiphero(connections, catalog, Installs.test(org), null);
        String accessToken = Installs.exchange(org.testKey(), installed.authCode());
        connections.delete(Installs.test(org), accessToken);
        List<byte[]> status = rawValues("select status from connection where id = ?", installed.connection().id);
        assertEquals("deleted", new String(status.get(0), StandardCharsets.UTF_8));
        for (String column : List.of("credentials", "access_token", "access_token_hash")) {
            List<byte[]> nullCheck = rawValues("select (" + column + " is null)::text from connection where id = ?",
                    installed.connection().id);
            assertEquals("true", new String(nullCheck.get(0), StandardCharsets.UTF_8), column);
        }
        assertTrue(connections.findActive(Installs.test(org), installed.connection().id).isEmpty());
    }
}
