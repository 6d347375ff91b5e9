package dev.switchboard.wms.api;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.WireValue;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.ConnectionUsed;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;
import dev.switchboard.wms.api.ReadFilters.FieldType;

/**
 * The read side of the unified WMS API, served from the record store ({@code wms_record}), never by calling the
 * system. Per request, on one pooled JDBC connection (no Hibernate: this is the hot path, bench/wms):
 * <ol>
 * <li>the access token names an active connection of the caller's organization and environment, or 401
 * {@code INVALID_ACCESS_TOKEN} (missing, malformed, unknown, deleted, or another tenant's);</li>
 * <li>the route's catalog action ({@link ReadRoute#action()}) is among the connection's {@code available_actions},
 * or 403 when the link that installed it disabled the action, else 501 in Trackstar's words;</li>
 * <li>the parameters are checked ({@link ReadFilters}, 422);</li>
 * <li>one statement reads the page ({@link RecordSql}); the body is written from the stored JSON text, adding
 * {@code trackstar_created_date} and {@code trackstar_updated_date} from their columns.</li>
 * </ol>
 * The body is written as UTF-8 bytes straight from the driver's bytes of each document ({@link Body}): no document is
 * decoded into a {@code String} and encoded back, which was most of the service's own CPU per page of orders
 * (bench/wms). A page holds at most {@link #MAX_PAGE_BYTES} bytes of records: a page that would be bigger ends early,
 * and its
 * {@code next_token} continues after its last record. So a request holds at most about that much, whatever the
 * documents weigh; and all pages being built at once hold at most {@link PageMemory}'s budget, beyond which pages end
 * early the same way.
 */
@ApplicationScoped
public class WmsReads {

    static final int MAX_PATH_PARAMETER = 255;
    /**
     * The functions whose records carry {@code trackstar_tags} (Trackstar's schemas), by the resource of their
     * {@code PUT /wms/{resource}/{id}/trackstar-tags} route.
     */
    public static final Map<String, WmsFunction> TAGGED = Map.of("orders", WmsFunction.GET_ORDERS, "products",
            WmsFunction.GET_PRODUCTS, "inventory", WmsFunction.GET_INVENTORY, "inbound-shipments",
            WmsFunction.GET_INBOUND_SHIPMENTS, "returns", WmsFunction.GET_RETURNS, "warehouses",
            WmsFunction.GET_WAREHOUSES);
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
    /** Rows the driver fetches at a time while a page is read (about 280 kB of orders). */
    static final int FETCH_ROWS = 100;
    /**
     * The longest a read's statement may run. Filters without an index (docs/wms-queries.md) walk the connection's
     * records until the page is full; when few match among millions, this bounds the walk: 503 instead of a request
     * that holds a database connection for minutes.
     */
    static final int STATEMENT_TIMEOUT_SECONDS = 10;
    private static final String QUERY_CANCELED = "57014";
    static final String INVALID_ACCESS_TOKEN = "INVALID_ACCESS_TOKEN";
    /**
     * The shape of an access token ({@code connection.AccessTokenFormat}: {@code sb_at_}, 32 base62 characters, a
     * 6-character checksum): anything else is refused without a database look-up. The checksum itself is left to
     * the look-up, so this package does not depend on {@code connection}, which may come to depend on {@code wms}.
     */
    private static final Pattern ACCESS_TOKEN = Pattern.compile("sb_at_[0-9A-Za-z]{38}");

    /** The connection an access token names, as far as reading needs it. */
    public record ReadConnection(String id, IntegrationType type, String integrationName, List<String> availableActions,
            String magicLinkId) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    SecretBox secrets;
    @Inject
    Catalog catalog;
    @Inject
    ReadFilters filters;
    @Inject
    PageMemory memory;
    @Inject
    Event<ConnectionUsed> used;
    @Inject
    Clock clock;

    /** A list route's page, as the JSON body {@code {"data": [...], "next_token": ..., "total_count": n}}. */
    public byte[] list(Tenant tenant, String accessToken, ReadRoute route, MultivaluedMap<String, String> parameters,
            Map<String, String> pathParameters) {
        try (Connection c = dataSource.getConnection()) {
            ReadConnection connection = connection(c, tenant, accessToken);
            used.fire(new ConnectionUsed(connection.id(), clock.instant()));
            gate(c, tenant, connection, route.action().value(), route.function().value());
            checkPathParameters(pathParameters);
            ReadQuery query = filters.parse(route, parameters, pathParameters);
            List<Condition> scope = List.of();
            if (route == ReadRoute.WAREHOUSE_LOCATIONS) {
                String warehouseId = pathParameters.get("warehouse_id");
                if (!exists(c, RecordSql.exists(tenant, connection.id(), WmsFunction.GET_WAREHOUSES, warehouseId))) {
                    throw ApiException.contractNotFound("Warehouse not found", warehouseId);
                }
                scope = List.of(new Condition("warehouse_id", "eq", FieldType.STRING, warehouseId));
            }
            if (RecordSql.rangeFirst(route.function(), query)) {
                byte[] walked = page(c, RecordSql.page(tenant, connection.id(), route.function(), query, scope,
                        RecordSql.Shape.BOUNDED_WALK), query, route.function(), true);
                if (walked != null) {
                    return walked;
                }
                return page(c, RecordSql.page(tenant, connection.id(), route.function(), query, scope,
                        RecordSql.Shape.MATCHES_FIRST), query, route.function(), false);
            }
            return page(c, RecordSql.page(tenant, connection.id(), route.function(), query, scope), query,
                    route.function(), false);
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + route.path() + " failed", e);
        }
    }

    /** A single-item route's record, as {@code {"data": {...}}}, or the contract's 404. */
    public byte[] one(Tenant tenant, String accessToken, ReadRoute route, String recordId, String notFound,
            Map<String, String> pathParameters) {
        try (Connection c = dataSource.getConnection()) {
            ReadConnection connection = connection(c, tenant, accessToken);
            used.fire(new ConnectionUsed(connection.id(), clock.instant()));
            gate(c, tenant, connection, route.action().value(), route.function().value());
            checkPathParameters(pathParameters);
            List<Condition> scope = route == ReadRoute.WAREHOUSE_LOCATION
                    ? List.of(new Condition("warehouse_id", "eq", FieldType.STRING, pathParameters.get("warehouse_id")))
                    : List.of();
            RecordSql.Statement statement = RecordSql.one(tenant, connection.id(), route.function(), recordId, scope);
            try (PreparedStatement s = prepare(c, statement); ResultSet rs = timed(s)) {
                if (!rs.next()) {
                    throw ApiException.contractNotFound(notFound, recordId);
                }
                Body body = new Body(4096).ascii("{\"data\":");
                appendRecord(body, rs, route.function());
                return body.append('}').toByteArray();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + route.path() + " failed", e);
        }
    }

    /**
     * The page's body from its statement; with {@code onlyIfFull}, null when the statement gave less than a full page
     * (a {@link RecordSql.Shape#BOUNDED_WALK} that did not find enough matches where it walked).
     */
    private byte[] page(Connection c, RecordSql.Statement statement, ReadQuery query, WmsFunction function,
            boolean onlyIfFull) throws SQLException {
        Body body = new Body(16384).ascii("{\"data\":[");
        int count = 0;
        String last = null;
        boolean more = false;
        long taken = 0;
        // The driver reads a whole result into memory unless it reads through a cursor, which needs a transaction:
        // 32 concurrent limit=1000 pages held ~3 MB of rows each outside PageMemory's budget and ran the 128 MB heap
        // out (bench/results/2026-12-03-1527-wms.md). Read-only; inside a caller's transaction, that one is used.
        boolean ownTransaction = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
        }
        try {
            try (PreparedStatement s = prepare(c, statement)) {
                s.setFetchSize(FETCH_ROWS);
                try (ResultSet rs = timed(s)) {
                    while (rs.next()) {
                        if (count == query.limit() || (count > 0 && body.length() > MAX_PAGE_BYTES)) {
                            more = true;
                            break;
                        }
                        int before = body.length();
                        if (count > 0) {
                            body.append(',');
                        }
                        appendRecord(body, rs, function);
                        long grown = body.length() - before;
                        if (!memory.take(grown, count == 0)) {
                            // The instance's page budget is spent: this page ends before the record (PageMemory).
                            body.setLength(before);
                            more = true;
                            break;
                        }
                        taken += grown;
                        last = rs.getString(1);
                        count++;
                    }
                }
            }
            if (onlyIfFull && !more) {
                return null;
            }
            body.ascii("],\"next_token\":");
            if (more) {
                body.append('"').ascii(RecordPageToken.encode(query.fingerprint(), last)).append('"');
            } else {
                body.ascii("null");
            }
            body.ascii(",\"total_count\":").ascii(Integer.toString(count)).append('}');
            return body.toByteArray();
        } finally {
            // Given back once the page's bytes exist: the buffer is garbage from here.
            memory.give(taken);
            if (ownTransaction) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The stored document with the two trackstar dates put first, and, on the records whose schema has them, the
     * {@code trackstar_tags} Switchboard keeps beside it (the statement leaves any the document carried out). The
     * store keeps documents without the dates (its contract), so no key is repeated; the document's own text comes
     * as PostgreSQL wrote it, copied as the driver's UTF-8 bytes ({@code getBytes} of a text-format column is its
     * text, undecoded).
     */
    private static void appendRecord(Body body, ResultSet rs, WmsFunction function) throws SQLException {
        byte[] document = rs.getBytes(2);
        body.ascii("{\"trackstar_created_date\":\"").ascii(wholeSecond(rs.getObject(3, OffsetDateTime.class)))
                .ascii("\",\"trackstar_updated_date\":\"").ascii(wholeSecond(rs.getObject(4, OffsetDateTime.class)))
                .append('"');
        // jsonb's text of an object: "{}" or "{" + members + "}".
        int open = indexOf(document, (byte) '{');
        int close = lastIndexOf(document, (byte) '}');
        boolean empty = true;
        for (int i = open + 1; i < close && empty; i++) {
            empty = Character.isWhitespace(document[i]);
        }
        if (!empty) {
            body.append(',').append(document, open + 1, close);
        }
        if (TAGGED.containsValue(function)) {
            body.ascii(",\"trackstar_tags\":").append(rs.getBytes(5), 0, -1);
        }
        body.append('}');
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("A stored document is not a JSON object");
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("A stored document is not a JSON object");
    }

    /**
     * A response body being written: a growable byte array (not synchronised, unlike {@code ByteArrayOutputStream}),
     * to which the documents' UTF-8 bytes are copied once and the envelope's ASCII text is added.
     */
    static final class Body {

        private byte[] bytes;
        private int length;

        Body(int capacity) {
            bytes = new byte[capacity];
        }

        int length() {
            return length;
        }

        void setLength(int newLength) {
            length = newLength;
        }

        Body append(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        /** Text of ASCII characters only (the envelope's keys, dates, tokens and numbers). */
        Body ascii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        /** {@code source[from, to)}; {@code to} -1 for the whole array. */
        Body append(byte[] source, int from, int to) {
            int end = to < 0 ? source.length : to;
            ensure(end - from);
            System.arraycopy(source, from, bytes, length, end - from);
            length += end - from;
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    private static String wholeSecond(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public ReadConnection connection(Connection c, Tenant tenant, String accessToken) throws SQLException {
        String token = accessToken == null ? null : accessToken.strip();
        if (token == null || !ACCESS_TOKEN.matcher(token).matches()) {
            throw invalidAccessToken();
        }
        List<byte[]> hashes = secrets.lookupHashes(token);
        String placeholders = String.join(", ", java.util.Collections.nCopies(hashes.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("select id, integration_type, integration_name, "
                + "available_actions, magic_link_id from connection where access_token_hash in (" + placeholders
                + ") and organization_id = ? and environment = ? and status = 'active'")) {
            int i = 1;
            for (byte[] hash : hashes) {
                s.setBytes(i++, hash);
            }
            s.setString(i++, tenant.organizationId());
            s.setString(i, tenant.environment().value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw invalidAccessToken();
                }
                Array actions = rs.getArray(4);
                return new ReadConnection(rs.getString(1),
                        WireValue.find(IntegrationType.class, rs.getString(2)).orElseThrow(),
                        rs.getString(3), Arrays.asList((String[]) actions.getArray()), rs.getString(5));
            }
        }
    }

    /**
     * 501 when the connection's integration does not offer the route's action (or is not a WMS), 403 when the link
     * that installed the connection disabled it. Only a route that is not available costs the link look-up.
     */
    public void gate(Connection c, Tenant tenant, ReadConnection connection, String action, String endpoint)
            throws SQLException {
        if (connection.type() == IntegrationType.WMS && connection.availableActions().contains(action)) {
            return;
        }
        if (connection.type() == IntegrationType.WMS && connection.magicLinkId() != null) {
            try (PreparedStatement s = c
                    .prepareStatement("select 1 from magic_link where id = ? and organization_id = ? "
                            + "and environment = ? and ? = any(disabled_functions)")) {
                s.setString(1, connection.magicLinkId());
                s.setString(2, tenant.organizationId());
                s.setString(3, tenant.environment().value());
                s.setString(4, action);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        throw ApiException.forbidden("ENDPOINT_DISABLED", "Endpoint " + endpoint
                                + " is disabled for this connection.");
                    }
                }
            }
        }
        throw notImplemented(connection, endpoint);
    }

    /** Trackstar's 501: {@code Endpoint get_returns is not implemented for ShipBob}. */
    public ApiException notImplemented(ReadConnection connection, String endpoint) {
        String name = catalog.find(connection.type(), connection.integrationName()).map(Integration::displayName)
                .orElse(connection.integrationName());
        return new ApiException(501, "NOT_IMPLEMENTED", "Endpoint " + endpoint + " is not implemented for " + name);
    }

    /**
     * One record as the reads serve it (with the trackstar dates and tags), on the caller's connection and
     * transaction; null when the connection has no such live record. The writes answer with it.
     */
    public String record(Connection c, Tenant tenant, String connectionId, WmsFunction function, String recordId)
            throws SQLException {
        RecordSql.Statement statement = RecordSql.one(tenant, connectionId, function, recordId, List.of());
        try (PreparedStatement s = prepare(c, statement); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Body body = new Body(4096);
            appendRecord(body, rs, function);
            return new String(body.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a read under {@link #STATEMENT_TIMEOUT_SECONDS}; past it, 503 saying which filters are fast. */
    private static ResultSet timed(PreparedStatement s) throws SQLException {
        s.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        try {
            return s.executeQuery();
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw ApiException.serviceUnavailable("The query ran longer than " + STATEMENT_TIMEOUT_SECONDS
                        + " s. Add a filter with an index (status, warehouse_customer_id, order_number, reference_id, "
                        + "sku, created_date, updated_date, trackstar_updated_date ranges) or use fewer rare-match "
                        + "filters.", 5);
            }
            throw e;
        }
    }

    private static boolean exists(Connection c, RecordSql.Statement statement) throws SQLException {
        try (PreparedStatement s = prepare(c, statement); ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * The statement with its parameters bound (text arrays, integers, text); WmsReadFilterTest runs its SQL through it.
     */
    static PreparedStatement prepare(Connection c, RecordSql.Statement statement) throws SQLException {
        PreparedStatement s = c.prepareStatement(statement.sql());
        try {
            int i = 1;
            for (Object p : statement.parameters()) {
                if (p instanceof String[] values) {
                    s.setArray(i++, c.createArrayOf("text", values));
                } else if (p instanceof Integer n) {
                    s.setInt(i++, n);
                } else {
                    s.setString(i++, (String) p);
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public static void checkPathParameters(Map<String, String> pathParameters) {
        ValidationProblem problem = new ValidationProblem();
        pathParameters.forEach((name, value) -> {
            if (value.length() > MAX_PATH_PARAMETER) {
                problem.add(ValidationProblem.PATH, name, "Longer than maximum length " + MAX_PATH_PARAMETER + ".");
            } else if (value.indexOf('\0') >= 0) {
                problem.add(ValidationProblem.PATH, name, "Must not contain NUL characters.");
            }
        });
        problem.throwIfAny();
    }

    static ApiException invalidAccessToken() {
        return ApiException.unauthorized(INVALID_ACCESS_TOKEN,
                "Invalid or deleted access token, or one of another organization or environment.");
    }
}
