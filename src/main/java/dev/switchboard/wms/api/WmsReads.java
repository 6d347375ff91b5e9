package dev.switchboard.wms.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;

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
 * (bench/wms).
 * <p>
 * A list's body is streamed ({@link ListPage}): {@link #list} runs every check and executes the page's statement, so
 * every refusal (401, 403, 501, 422, the warehouse's 404, the statement timeout's 503) is answered with its JSON body
 * before anything is sent; then the rows are written to the response as they come through the driver's cursor
 * ({@link #FETCH_ROWS} at a time, in the page's own read-only transaction). A request holds about one fetch of rows
 * and {@link ListPage#FLUSH_BYTES} of output, whatever its page weighs, so pages are always full (up to
 * {@code limit}); the HTTP output stream blocks while the client's write queue is full (paced by the event loop:
 * {@code WmsReadResource.Paced}), so a slow client slows its page instead of filling the heap. The price: the pooled
 * database connection is held until the last byte is handed
 * to the network. What bounds that is {@code WmsReadResource}'s send deadline
 * ({@code switchboard.wms.page-send-timeout}, 60 s,
 * after which the response is cut), and the statement timeout on each fetch. An error after the first byte cannot
 * change the status:
 * the response is cut, so a client never reads a truncated page as a whole one.
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
    /**
     * The most record bytes of a page held whole ({@link #listBytes}, the MCP tool's result, which must be one JSON
     * value): past it the page ends early with a {@code next_token}. A streamed page has no such bound; it holds only
     * what it is sending.
     */
    /**
     * The most record bytes of a page held whole ({@link #listBytes}, the MCP tool's result): about 700 orders, more
     * than an agent's context takes, and with {@link WmsReadConfig#maxConcurrentPages()} pages at once a bounded share
     * of a 128 MB heap.
     */
    static final int MAX_PAGE_BYTES = 2 * 1024 * 1024;
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
    Event<ConnectionUsed> used;
    @Inject
    Clock clock;
    @Inject
    WmsReadConfig config;

    private Semaphore slots;

    /**
     * A list route's page, ready to be written as the JSON body {@code {"data": [...], "next_token": ...,
     * "total_count": n}}. Every check that can refuse the request (401, 403, 501, 404, 422, and the statement's 503)
     * has run when this returns, and the page's statement has been executed: what remains is to write it
     * ({@link ListPage#write}) or give it up ({@link ListPage#close}). On any refusal the connection is released here.
     */
    public ListPage list(Tenant tenant, String accessToken, ReadRoute route, MultivaluedMap<String, String> parameters,
            Map<String, String> pathParameters) {
        Connection c = null;
        boolean ownTransaction = false;
        takeSlot();
        try {
            c = dataSource.getConnection();
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
            // The driver reads a whole result into memory unless it reads through a cursor, which needs a
            // transaction (32 concurrent limit=1000 pages ran the 128 MB heap out without one:
            // bench/results/2026-12-03-1527-wms.md). Inside a caller's transaction, that one is used.
            ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            begin(c, ownTransaction);
            RecordSql.Statement statement;
            if (RecordSql.rangeFirst(route.function(), query)) {
                RecordSql.Statement walk = RecordSql.page(tenant, connection.id(), route.function(), query, scope,
                        RecordSql.Shape.BOUNDED_WALK);
                statement = walkIsFull(c, walk, query)
                        ? walk
                        : RecordSql.page(tenant, connection.id(), route.function(), query, scope,
                                RecordSql.Shape.MATCHES_FIRST);
            } else {
                statement = RecordSql.page(tenant, connection.id(), route.function(), query, scope);
            }
            PreparedStatement s = prepare(c, statement);
            try {
                s.setFetchSize(FETCH_ROWS);
                ResultSet rs = timed(s);
                return new ListPage(c, ownTransaction, s, rs, query, route.function(), slots);
            } catch (SQLException | RuntimeException e) {
                s.close();
                throw e;
            }
        } catch (SQLException e) {
            release(c, ownTransaction, slots);
            throw new IllegalStateException("reading " + route.path() + " failed", e);
        } catch (RuntimeException e) {
            release(c, ownTransaction, slots);
            throw e;
        }
    }

    /**
     * One of the instance's {@link WmsReadConfig#maxConcurrentPages()} page slots, waited for up to
     * {@link WmsReadConfig#pageSlotWait()}; a 503 with {@code Retry-After} past that. The page gives it back when it
     * releases its connection.
     */
    private void takeSlot() {
        boolean taken;
        try {
            taken = slots.tryAcquire(config.pageSlotWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw ApiException.serviceUnavailable("Too many list pages are being sent from this instance; try again.",
                    1);
        }
    }

    @PostConstruct
    void createSlots() {
        slots = new Semaphore(Math.max(1, config.maxConcurrentPages()), true);
    }

    /**
     * A list page held whole, for a caller that needs the body as one value (the MCP tool's result): at most about
     * {@link #MAX_PAGE_BYTES} of records, past which the page ends early with a {@code next_token}.
     */
    public byte[] listBytes(Tenant tenant, String accessToken, ReadRoute route,
            MultivaluedMap<String, String> parameters, Map<String, String> pathParameters) {
        try (ListPage page = list(tenant, accessToken, route, parameters, pathParameters)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16384);
            page.write(out, MAX_PAGE_BYTES);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page's transaction: read-only, one snapshot for both statements of the {@link RecordSql.Shape two-step}
     * (repeatable read: the count that chose the bounded walk and the walk that is sent see the same rows), and
     * {@link #STATEMENT_TIMEOUT_SECONDS} on each of the cursor's fetches too, which the driver's query timeout does
     * not cover (it covers {@code executeQuery} only). One round trip.
     */
    private static void begin(Connection c, boolean ownTransaction) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute((ownTransaction ? "set transaction isolation level repeatable read, read only; " : "")
                    + "set local statement_timeout = " + STATEMENT_TIMEOUT_SECONDS * 1000);
        }
    }

    /**
     * Whether the {@link RecordSql.Shape#BOUNDED_WALK} gives a full page (more than {@code limit} rows: the page and
     * the row saying there is a next one), by counting its rows before any is sent. The walk answers only when its
     * page is full, and that is known only at its last row; counting first (the walk's ~2,000 rows read twice, the
     * second time from PostgreSQL's cache, no document sent twice) keeps one page's rows out of the heap, where
     * buffering the walk would hold up to a whole page of documents per request, the memory streaming removes.
     */
    private static boolean walkIsFull(Connection c, RecordSql.Statement walk, ReadQuery query) throws SQLException {
        RecordSql.Statement count = new RecordSql.Statement("select count(*) from (" + walk.sql() + ") walk",
                walk.parameters());
        try (PreparedStatement s = prepare(c, count); ResultSet rs = timed(s)) {
            rs.next();
            return rs.getLong(1) > query.limit();
        }
    }

    /**
     * Gives the connection back to the pool, its transaction (if this class began it) rolled back, and the page's slot
     * ({@link #takeSlot}) with it, whatever closing the connection does.
     */
    private static void release(Connection c, boolean ownTransaction, Semaphore slot) {
        if (c == null) {
            slot.release();
            return;
        }
        try {
            if (ownTransaction) {
                try {
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            // The pool validates and discards a broken connection; closing it is what matters here.
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // Nothing more to release.
            } finally {
                slot.release();
            }
        }
    }

    /**
     * A list page whose statement has run, holding its pooled connection, transaction and cursor until it is
     * written or given up. Written once: {@link #write} takes it (or fails if it was given up), and releases
     * everything when it returns or throws, whatever happened to the client; {@link #close} releases a page nobody
     * took and does nothing to one being written. Both may run on different threads (the HTTP response's end handler
     * closes; a worker writes), hence the one atomic state.
     */
    public static final class ListPage implements StreamingOutput, AutoCloseable {

        private static final int OPEN = 0;
        private static final int WRITING = 1;
        private static final int RELEASED = 2;
        /** Bytes gathered before they are handed to the output stream (a few rows of orders). */
        static final int FLUSH_BYTES = 32 * 1024;

        private final Connection connection;
        private final boolean ownTransaction;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final ReadQuery query;
        private final WmsFunction function;
        private final AtomicInteger state = new AtomicInteger(OPEN);
        private final Semaphore slots;

        ListPage(Connection connection, boolean ownTransaction, PreparedStatement statement, ResultSet rows,
                ReadQuery query, WmsFunction function, Semaphore slots) {
            this.slots = slots;
            this.connection = connection;
            this.ownTransaction = ownTransaction;
            this.statement = statement;
            this.rows = rows;
            this.query = query;
            this.function = function;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            write(out, Long.MAX_VALUE);
        }

        /** Whether nobody has taken the page yet (nor given it up). */
        public boolean untaken() {
            return state.get() == OPEN;
        }

        /**
         * Writes the page as its rows come through the cursor, {@link #FLUSH_BYTES} at a time, and releases it. The
         * {@code next_token} comes after the rows: the statement reads {@code limit + 1}, the extra row saying that
         * there is a next page. With {@code maxBytes}, a page ends early once that many bytes of records are written.
         */
        void write(OutputStream out, long maxBytes) throws IOException {
            if (!state.compareAndSet(OPEN, WRITING)) {
                throw new IOException("The page was given up before it was written");
            }
            try {
                Body body = new Body(FLUSH_BYTES + 8192).ascii("{\"data\":[");
                long written = 0;
                int count = 0;
                String last = null;
                boolean more = false;
                while (rows.next()) {
                    if (count == query.limit() || (count > 0 && written + body.length() > maxBytes)) {
                        more = true;
                        break;
                    }
                    if (count > 0) {
                        body.append(',');
                    }
                    appendRecord(body, rows, function);
                    last = rows.getString(1);
                    count++;
                    if (body.length() >= FLUSH_BYTES) {
                        written += body.length();
                        body.writeTo(out);
                    }
                }
                body.ascii("],\"next_token\":");
                if (more) {
                    body.append('"').ascii(RecordPageToken.encode(query.fingerprint(), last)).append('"');
                } else {
                    body.ascii("null");
                }
                body.ascii(",\"total_count\":").ascii(Integer.toString(count)).append('}');
                body.writeTo(out);
            } catch (SQLException e) {
                // Past the first byte there is no status to change: the response is cut (WmsReadResource resets
                // it). The body is then invalid JSON, which a client that parses it sees; the HTTP framing may still
                // end cleanly (docs/ARCHITECTURE.md, the read path), so a client trusting framing alone would not.
                throw new IOException("reading a page of " + function.value() + " failed", e);
            } finally {
                releaseAll();
            }
        }

        /** Releases the page if nobody took it; a page being written is released by its writer. */
        @Override
        public void close() {
            if (state.compareAndSet(OPEN, RELEASED)) {
                releaseAll();
            }
        }

        private void releaseAll() {
            state.set(RELEASED);
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                // The connection's release below closes them too.
            } finally {
                release(connection, ownTransaction, slots);
            }
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

        /** Hands the bytes to {@code out} and empties the body for reuse. */
        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, length);
            length = 0;
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
