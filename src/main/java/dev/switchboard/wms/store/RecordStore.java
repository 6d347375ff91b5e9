package dev.switchboard.wms.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;

/**
 * The write side of the record store ({@code wms_record}), in plain JDBC on the caller's connection and transaction:
 * the sync engine applies each page of records in the transaction that also moves its run's cursor.
 *
 * <p>
 * A record is upserted by {@code (connection_id, function, record_id)}; its {@code doc_hash} is the SHA-256 of its
 * canonical JSON, and {@code trackstar_updated_date} moves only when that hash changes (an unchanged record costs no
 * write at all, except the {@code last_seen_run} mark of snapshot functions). The document is stored without
 * {@code trackstar_created_date}/{@code trackstar_updated_date}, which the read side adds from the columns.
 */
@ApplicationScoped
public class RecordStore {

    /** How a record of a page compares with the stored one. */
    public enum ChangeKind {
        CREATED,
        UPDATED,
        UNCHANGED,
        RESTORED
    }

    /**
     * One record of a page after it was applied: {@code previous} is the stored document before (null if new);
     * {@code current} is the document as stored (parsed back from its canonical bytes), null for an unchanged record.
     */
    public record Change(ChangeKind kind, String recordId, ObjectNode previous, ObjectNode current,
            Instant trackstarCreatedDate, Instant trackstarUpdatedDate) {
    }

    /**
     * A page made ready for the store ({@link #prepare}): each record's id, canonical bytes, hash and dates, and no
     * longer its JSON tree. The sync engine prepares a page as soon as it is fetched, so the pages a run holds
     * (one committing, one fetched ahead) are their bytes, a quarter of the trees' size or less: the trees are
     * garbage while still young, and the heap stays near its idle size during a sync (bench/sync.sh, "RSS").
     */
    public static final class PreparedPage {

        private final List<Prepared> records;
        private final Instant oldestUpdated;
        private final Instant newestUpdated;

        private PreparedPage(List<Prepared> records, Instant oldestUpdated, Instant newestUpdated) {
            this.records = records;
            this.oldestUpdated = oldestUpdated;
            this.newestUpdated = newestUpdated;
        }
    }

    /** What a page did, and the range of the system's {@code updated_date} it carried. */
    public record PageResult(List<Change> changes, int created, int updated, int unchanged, Instant oldestUpdated,
            Instant newestUpdated) {
    }

    /** Where a page goes. */
    public record Scope(Tenant tenant, String connectionId, WmsFunction function) {
    }

    /**
     * The stored rows of a page's ids, one primary-key probe per id. The subquery is kept apart ({@code offset 0}) so
     * the planner cannot turn it into a join of the page with all of the connection's records of the function: during
     * an initial sync the table grows faster than its statistics, and with statistics that said "one row" that plan
     * read every stored record of the function for each page (75 ms a page at 100,000 orders, bench/sync.sh).
     */
    private static final String EXISTING = """
            select r.record_id, r.doc_hash, r.deleted_at is not null, r.trackstar_created_date,
                   case when r.doc_hash <> u.hash then r.document::text end
              from unnest(?::text[], ?::bytea[]) as u(id, hash)
             cross join lateral (select record_id, doc_hash, deleted_at, trackstar_created_date, document
                                   from wms_record
                                  where connection_id = ? and function = ? and record_id = u.id
                                 offset 0) r""";

    private static final String UPSERT = """
            insert into wms_record as r (connection_id, function, record_id, organization_id, environment, document,
                                         doc_hash, created_date, updated_date, trackstar_created_date,
                                         trackstar_updated_date, deleted_at, last_seen_run)
            select ?, ?, u.id, ?, ?, convert_from(u.doc, 'UTF8')::jsonb, u.hash, u.created, u.updated, ?, ?, null, ?
              from unnest(?::text[], ?::bytea[], ?::bytea[], ?::timestamptz[], ?::timestamptz[])
                   as u(id, doc, hash, created, updated)
            on conflict (connection_id, function, record_id) do update
               set document = excluded.document, doc_hash = excluded.doc_hash, created_date = excluded.created_date,
                   updated_date = excluded.updated_date, trackstar_updated_date = excluded.trackstar_updated_date,
                   deleted_at = null, last_seen_run = excluded.last_seen_run""";

    private static final String TOUCH = """
            update wms_record set last_seen_run = ?
             where connection_id = ? and function = ? and record_id = any(?) and last_seen_run is distinct from ?""";

    private static final String SWEEP = """
            update wms_record set deleted_at = ?
             where connection_id = ? and function = ? and deleted_at is null
               and (last_seen_run is null or last_seen_run < ?)""";

    private static final String DELETE_BATCH = """
            delete from wms_record
             where connection_id = ? and (function, record_id) in (
                   select function, record_id from wms_record where connection_id = ? limit ?)""";

    @Inject
    ObjectMapper json;

    /** A page of records made ready for {@link #applyPage}: {@link PageBuilder}, one record at a time. */
    public static PreparedPage prepare(List<ObjectNode> records) {
        PageBuilder page = new PageBuilder();
        records.forEach(page);
        return page.build();
    }

    /**
     * Makes a page ready for {@link #applyPage} as its records arrive: canonical bytes and hash per record, the last of
     * an id repeated in the page winning. Needs no database, so it runs where the page is fetched. A record without a
     * string or number {@code id} is refused (an adapter bug): {@link IllegalArgumentException}.
     */
    public static final class PageBuilder implements Consumer<ObjectNode> {

        private final Map<String, Prepared> byId = new LinkedHashMap<>();
        private Instant oldest;
        private Instant newest;

        @Override
        public void accept(ObjectNode record) {
            Prepared p = prepare(record);
            byId.put(p.id, p); // a record twice in one page: the last one wins
            if (p.updated != null) {
                oldest = oldest == null || p.updated.isBefore(oldest) ? p.updated : oldest;
                newest = newest == null || p.updated.isAfter(newest) ? p.updated : newest;
            }
        }

        public PreparedPage build() {
            return new PreparedPage(List.copyOf(byId.values()), oldest, newest);
        }
    }

    /**
     * Applies one page: upserts new and changed records, marks the seen ones of a snapshot function with {@code runId},
     * and, when {@code withChanges}, answers what changed with the documents before and after (for webhooks; an
     * initial sync, which sends none, passes false and holds no document in memory).
     */
    public PageResult applyPage(Connection c, Scope scope, long runId, PreparedPage page, Instant now,
            boolean withChanges) throws SQLException {
        return apply(c, scope, runId, page, now, withChanges);
    }

    /**
     * Applies one record a write through the unified API returned (the system's state after the write), outside any
     * sync run: it is in the store at once. Its {@code last_seen_run} is left null, so the next complete snapshot run
     * keeps it only if the system still has it.
     */
    public Change applyWritten(Connection c, Scope scope, ObjectNode record, Instant now) throws SQLException {
        return apply(c, scope, null, prepare(List.of(record)), now, true).changes().get(0);
    }

    /** Sets a record's {@code trackstar_tags}; false when the connection has no such (live) record. */
    public boolean setTags(Connection c, Scope scope, String recordId, String tagsJson) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                update wms_record set trackstar_tags = ?::jsonb
                 where connection_id = ? and function = ? and record_id = ? and organization_id = ?
                   and environment = ? and deleted_at is null""")) {
            s.setString(1, tagsJson);
            s.setString(2, scope.connectionId());
            s.setString(3, scope.function().value());
            s.setString(4, recordId);
            s.setString(5, scope.tenant().organizationId());
            s.setString(6, scope.tenant().environment().value());
            return s.executeUpdate() == 1;
        }
    }

    private PageResult apply(Connection c, Scope scope, Long runId, PreparedPage page, Instant now,
            boolean withChanges) throws SQLException {
        if (page.records.isEmpty()) {
            return new PageResult(List.of(), 0, 0, 0, null, null);
        }
        String connectionId = scope.connectionId();
        String function = scope.function().value();
        Map<String, Existing> existing = existing(c, connectionId, function, page.records);

        List<Change> changes = withChanges ? new ArrayList<>(page.records.size()) : List.of();
        List<Prepared> writes = new ArrayList<>();
        List<String> untouched = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Prepared p : page.records) {
            Existing old = existing.get(p.id);
            ChangeKind kind;
            if (old == null) {
                kind = ChangeKind.CREATED;
            } else if (!Arrays.equals(old.hash, p.hash)) {
                kind = old.deleted ? ChangeKind.RESTORED : ChangeKind.UPDATED;
            } else {
                kind = old.deleted ? ChangeKind.RESTORED : ChangeKind.UNCHANGED;
            }
            if (kind == ChangeKind.UNCHANGED) {
                unchanged++;
                untouched.add(p.id);
            } else {
                writes.add(p);
                if (kind == ChangeKind.CREATED) {
                    created++;
                } else {
                    updated++;
                }
            }
            if (withChanges) {
                // The stored document comes back only where the hash differs (EXISTING): the previous of a change.
                ObjectNode previous = old == null || old.document == null ? null : parse(old.document);
                changes.add(new Change(kind, p.id, previous,
                        kind == ChangeKind.UNCHANGED ? null : parse(p.canonical),
                        old == null ? now : old.trackstarCreated, kind == ChangeKind.UNCHANGED ? null : now));
            }
        }
        if (!writes.isEmpty()) {
            upsert(c, scope, runId, writes, now);
        }
        if (runId != null && scope.function().snapshot() && !untouched.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(TOUCH)) {
                s.setLong(1, runId);
                s.setString(2, connectionId);
                s.setString(3, function);
                s.setObject(4, untouched.toArray(String[]::new));
                s.setLong(5, runId);
                s.executeUpdate();
            }
        }
        return new PageResult(changes, created, updated, unchanged, page.oldestUpdated, page.newestUpdated);
    }

    /**
     * After a complete, successful run of a snapshot function: soft-deletes what the run did not see. Never call it
     * after a failed or partial run. Returns how many records were deleted.
     */
    public int deleteUnseen(Connection c, String connectionId, WmsFunction function, long runId, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SWEEP)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, connectionId);
            s.setString(3, function.value());
            s.setLong(4, runId);
            return s.executeUpdate();
        }
    }

    /** Deletes up to {@code limit} of a connection's records (a deleted connection's purge); returns how many. */
    public int deleteBatch(Connection c, String connectionId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE_BATCH)) {
            s.setString(1, connectionId);
            s.setString(2, connectionId);
            s.setInt(3, limit);
            return s.executeUpdate();
        }
    }

    private void upsert(Connection c, Scope scope, Long runId, List<Prepared> writes, Instant now)
            throws SQLException {
        int n = writes.size();
        String[] ids = new String[n];
        byte[][] docs = new byte[n][];
        byte[][] hashes = new byte[n][];
        Timestamp[] createdDates = new Timestamp[n];
        Timestamp[] updatedDates = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            Prepared p = writes.get(i);
            ids[i] = p.id;
            docs[i] = p.canonical;
            hashes[i] = p.hash;
            createdDates[i] = p.created == null ? null : Timestamp.from(p.created);
            updatedDates[i] = p.updated == null ? null : Timestamp.from(p.updated);
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            s.setString(1, scope.connectionId());
            s.setString(2, scope.function().value());
            s.setString(3, scope.tenant().organizationId());
            s.setString(4, scope.tenant().environment().value());
            s.setTimestamp(5, at);
            s.setTimestamp(6, at);
            s.setObject(7, runId, java.sql.Types.BIGINT);
            // String[] and byte[][] go in the driver's binary array format: no quoting of every document's quotes
            // into an array literal here, and no parsing of it back in the server.
            s.setObject(8, ids);
            s.setObject(9, docs);
            s.setObject(10, hashes);
            s.setArray(11, c.createArrayOf("timestamptz", createdDates));
            s.setArray(12, c.createArrayOf("timestamptz", updatedDates));
            s.executeUpdate();
        }
    }

    /** The stored rows of a page's ids; the stored document only where the hash differs (it is about to change). */
    private static Map<String, Existing> existing(Connection c, String connectionId, String function,
            Collection<Prepared> page) throws SQLException {
        Map<String, Existing> found = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(EXISTING)) {
            s.setObject(1, page.stream().map(Prepared::id).toArray(String[]::new));
            s.setObject(2, page.stream().map(Prepared::hash).toArray(byte[][]::new));
            s.setString(3, connectionId);
            s.setString(4, function);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), new Existing(r.getBytes(2), r.getBoolean(3),
                            r.getTimestamp(4).toInstant(), r.getString(5)));
                }
            }
        }
        return found;
    }

    private static Prepared prepare(ObjectNode record) {
        JsonNode idNode = record.get("id");
        if (idNode == null || !(idNode.isTextual() || idNode.isNumber()) || idNode.asText().isEmpty()) {
            throw new IllegalArgumentException("A record without an id: the adapter must set \"id\"");
        }
        ObjectNode document = record;
        if (record.has("trackstar_created_date") || record.has("trackstar_updated_date")) {
            document = record.deepCopy();
            document.remove("trackstar_created_date");
            document.remove("trackstar_updated_date");
        }
        byte[] canonical = CanonicalJson.bytes(document);
        return new Prepared(idNode.asText(), canonical, CanonicalJson.sha256(canonical),
                date(document.get("created_date")), date(document.get("updated_date")));
    }

    private ObjectNode parse(String document) {
        try {
            return (ObjectNode) json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode parse(byte[] canonical) {
        try {
            return (ObjectNode) json.readTree(canonical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system's timestamp, or null when absent or not an ISO 8601 date-time. */
    static Instant date(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Prepared(String id, byte[] canonical, byte[] hash, Instant created, Instant updated) {
    }

    private record Existing(byte[] hash, boolean deleted, Instant trackstarCreated, String document) {
    }
}
