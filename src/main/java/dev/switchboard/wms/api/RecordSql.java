package dev.switchboard.wms.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.WmsFunction;

/**
 * The SQL of the WMS reads, built from a checked {@link ReadQuery}: one statement per page (two for some date
 * ranges, {@link Shape}), scoped by organization,
 * environment, connection and function, ordered by {@code record_id} and continued after the page token's record
 * ({@code record_id > ?}, never OFFSET). The function is written as a literal (it comes from {@link WmsFunction}),
 * so the planner can use the partial indexes of V8 in generic plans too; every value from the request is a
 * parameter. Indexes and plans: {@code docs/wms-queries.md}.
 */
final class RecordSql {

    /** The columns a served record is made of. */
    static final String COLUMNS = "record_id, document - 'trackstar_tags', trackstar_created_date, "
            + "trackstar_updated_date, coalesce(trackstar_tags, '[]'::jsonb)";
    /**
     * An order's packs: the store keys every record by its document's {@code id}, {@code created_date} and
     * {@code updated_date} (the order's id and when it was packed), but Trackstar's {@code OrderPackSchema} has none of
     * them (and allows no other field, tags included), so they are left out of what is served.
     */
    static final String PACK_COLUMNS = "record_id, document - '{id,created_date,updated_date,trackstar_tags}'::text[], "
            + "trackstar_created_date, trackstar_updated_date, '[]'::jsonb";

    private static String columns(WmsFunction function) {
        return function == WmsFunction.GET_ORDER_PACKS ? PACK_COLUMNS : COLUMNS;
    }

    /** Fields that are columns of {@code wms_record}, not keys of the document. */
    private static final Set<String> COLUMN_FIELDS = Set.of("created_date", "updated_date", "trackstar_created_date",
            "trackstar_updated_date");
    /**
     * Fields served case-insensitively too. Their index is on {@code lower(...)}; exact matches use it and then
     * compare exactly, so one index serves both.
     */
    private static final Set<String> LOWERED_FIELDS = Set.of("order_number", "reference_id");
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_]{1,64}");

    /** A statement and its parameters: {@code String}, {@code Integer} or {@code String[]} (a text array). */
    record Statement(String sql, List<Object> parameters) {
    }

    private RecordSql() {
    }

    /**
     * How a page's statement finds its rows. A range on a date is where the planner goes wrong: it takes the matches
     * to be spread evenly in record-id order and walks the primary key, while dates and record ids often go together
     * (a sandbox's or a system's ids grow with time), so an old range's matches all sit at one end of the walk (41 s
     * at a million orders). {@link WmsReads} reads such a page in two steps, each exact: a {@link #BOUNDED_WALK},
     * which is the page when the range's matches are where the walk starts, and otherwise {@link #MATCHES_FIRST},
     * whose cost is the range's size, not the records before it. Plans: {@code docs/wms-queries.md}.
     */
    enum Shape {
        /** One statement; the planner chooses (record-id order, or an ordered index). */
        ORDERED,
        /**
         * The ordered read of the other filters, cut at {@link #WALK_ROWS} records after the page token, then the
         * date ranges.
         */
        BOUNDED_WALK,
        /** Every match, found through the filters' indexes with nothing pushed down (a fence), then sorted. */
        MATCHES_FIRST
    }

    /** How far a {@link Shape#BOUNDED_WALK} reads: about 2,000 rows (~700 heap pages of orders), at most. */
    static final int WALK_ROWS = 2_000;

    /** The date ranges an index of V8 serves, by field; the column dates on every function. */
    private static final Map<String, Set<WmsFunction>> INDEXED_DOCUMENT_DATES = Map.of("required_ship_date",
            Set.of(WmsFunction.GET_ORDERS), "expected_arrival_date", Set.of(WmsFunction.GET_INBOUND_SHIPMENTS));
    private static final Set<String> INDEXED_COLUMN_DATES = Set.of("created_date", "updated_date",
            "trackstar_updated_date");
    private static final Set<String> RANGE_OPERATORS = Set.of("gt", "gte", "lt", "lte");

    /** Whether the page is read in the two steps of {@link Shape}: a range on an indexed date, and no {@code ids}. */
    static boolean rangeFirst(WmsFunction function, ReadQuery query) {
        if (query.ids() != null) {
            return false;
        }
        return query.conditions().stream().anyMatch(c -> indexedRange(function, c));
    }

    private static boolean indexedRange(WmsFunction function, Condition c) {
        return RANGE_OPERATORS.contains(c.op()) && (INDEXED_COLUMN_DATES.contains(c.field())
                || INDEXED_DOCUMENT_DATES.getOrDefault(c.field(), Set.of()).contains(function));
    }

    /** One page of a list: up to {@code limit + 1} rows, the extra one saying that there is a next page. */
    static Statement page(Tenant tenant, String connectionId, WmsFunction function, ReadQuery query,
            List<Condition> scope) {
        return page(tenant, connectionId, function, query, scope, Shape.ORDERED);
    }

    /** One page of a list in the given {@link Shape}; every shape returns the same rows, or fewer for the walk. */
    static Statement page(Tenant tenant, String connectionId, WmsFunction function, ReadQuery query,
            List<Condition> scope, Shape shape) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(columns(function));
        if (shape == Shape.BOUNDED_WALK) {
            // The inner query is the ordered read of every other filter (the primary key, or an ordered index such as
            // status's), cut at WALK_ROWS; the date ranges apply to what it read.
            sql.append(" from (select * from wms_record");
            where(sql, parameters, tenant, connectionId, function);
            filters(sql, parameters, query, scope, c -> !indexedRange(function, c));
            after(sql, parameters, query);
            sql.append(" order by record_id limit ?) walked where true");
            parameters.add(WALK_ROWS);
            for (Condition condition : query.conditions()) {
                if (indexedRange(function, condition)) {
                    append(sql, parameters, condition);
                }
            }
        } else if (shape == Shape.MATCHES_FIRST) {
            // offset 0 keeps the order and the limit out of the inner query, so it is planned to find all matches
            // (the filters' indexes), not to walk the primary key; the page's records are then read by id.
            sql.append(" from wms_record");
            where(sql, parameters, tenant, connectionId, function);
            sql.append(" and record_id = any(array(select record_id from (select record_id from wms_record");
            where(sql, parameters, tenant, connectionId, function);
            filters(sql, parameters, query, scope, c -> true);
            after(sql, parameters, query);
            sql.append(" offset 0) matches order by record_id limit ?))");
            parameters.add(query.limit() + 1);
        } else {
            sql.append(" from wms_record");
            where(sql, parameters, tenant, connectionId, function);
            filters(sql, parameters, query, scope, c -> true);
            after(sql, parameters, query);
        }
        sql.append(" order by record_id limit ?");
        parameters.add(query.limit() + 1);
        return new Statement(sql.toString(), parameters);
    }

    private static void filters(StringBuilder sql, List<Object> parameters, ReadQuery query, List<Condition> scope,
            Predicate<Condition> which) {
        for (Condition condition : scope) {
            append(sql, parameters, condition);
        }
        if (query.ids() != null) {
            sql.append(" and record_id = any(?)");
            parameters.add(query.ids().toArray(String[]::new));
        }
        for (Condition condition : query.conditions()) {
            if (which.test(condition)) {
                append(sql, parameters, condition);
            }
        }
    }

    private static void after(StringBuilder sql, List<Object> parameters, ReadQuery query) {
        if (query.afterRecordId() != null) {
            sql.append(" and record_id > ?");
            parameters.add(query.afterRecordId());
        }
    }

    /** One record by id, optionally narrowed (a location must be in the warehouse of the path). */
    static Statement one(Tenant tenant, String connectionId, WmsFunction function, String recordId,
            List<Condition> scope) {
        StringBuilder sql = new StringBuilder("select ").append(columns(function)).append(" from wms_record");
        List<Object> parameters = new ArrayList<>();
        where(sql, parameters, tenant, connectionId, function);
        sql.append(" and record_id = ?");
        parameters.add(recordId);
        for (Condition condition : scope) {
            append(sql, parameters, condition);
        }
        return new Statement(sql.toString(), parameters);
    }

    /** Whether a record exists (the warehouse of a location list). */
    static Statement exists(Tenant tenant, String connectionId, WmsFunction function, String recordId) {
        StringBuilder sql = new StringBuilder("select 1 from wms_record");
        List<Object> parameters = new ArrayList<>();
        where(sql, parameters, tenant, connectionId, function);
        sql.append(" and record_id = ?");
        parameters.add(recordId);
        return new Statement(sql.toString(), parameters);
    }

    private static void where(StringBuilder sql, List<Object> parameters, Tenant tenant, String connectionId,
            WmsFunction function) {
        sql.append(" where organization_id = ? and environment = ? and connection_id = ? and function = '")
                .append(function.value()).append("' and deleted_at is null");
        parameters.add(tenant.organizationId());
        parameters.add(tenant.environment().value());
        parameters.add(connectionId);
    }

    private static void append(StringBuilder sql, List<Object> parameters, Condition c) {
        if (!SAFE_NAME.matcher(c.field()).matches()) {
            throw new IllegalArgumentException("Not a field name: " + c.field());
        }
        if (c.type() == ReadFilters.FieldType.TAGS) {
            tags(sql, parameters, c);
            return;
        }
        boolean column = COLUMN_FIELDS.contains(c.field());
        String expr = column ? c.field() : "(document->>'" + c.field() + "')";
        // A column date is a timestamptz; a document date is whole-second UTC text, which sorts as it reads.
        String param = column ? "?::timestamptz" : "?";
        String array = column ? "?::timestamptz[]" : "?::text[]";
        Object value = c.value();
        sql.append(" and ");
        switch (c.op()) {
            case "eq" -> {
                if (LOWERED_FIELDS.contains(c.field())) {
                    sql.append("lower(").append(expr).append(") = lower(?) and ");
                    parameters.add(text(value));
                }
                sql.append(expr).append(" = ").append(param);
                parameters.add(text(value));
            }
            case "neq" -> {
                sql.append(expr).append(" is distinct from ").append(param);
                parameters.add(text(value));
            }
            case "gt", "gte", "lt", "lte" -> {
                sql.append(expr).append(switch (c.op()) {
                    case "gt" -> " > ";
                    case "gte" -> " >= ";
                    case "lt" -> " < ";
                    default -> " <= ";
                }).append(param);
                parameters.add(text(value));
            }
            case "in" -> {
                if (LOWERED_FIELDS.contains(c.field())) {
                    lowerAny(sql, parameters, expr, value);
                    sql.append(" and ");
                }
                sql.append(expr).append(" = any(").append(array).append(")");
                parameters.add(texts(value));
            }
            case "nin" -> {
                sql.append("not coalesce(").append(expr).append(" = any(").append(array).append("), false)");
                parameters.add(texts(value));
            }
            case "contains" -> {
                // like, not strpos: V22's trigram indexes serve like and ilike (on order_number and reference_id).
                sql.append(expr).append(" like ?");
                parameters.add(likePattern(value));
            }
            case "not_contains" -> {
                sql.append("coalesce(strpos(").append(expr).append(", ?), 0) = 0");
                parameters.add(text(value));
            }
            case "eq-insensitive" -> {
                sql.append("lower(").append(expr).append(") = lower(?)");
                parameters.add(text(value));
            }
            case "in-insensitive" -> {
                lowerAny(sql, parameters, expr, value);
            }
            case "contains-insensitive" -> {
                sql.append(expr).append(" ilike ?");
                parameters.add(likePattern(value));
            }
            default -> throw new IllegalArgumentException("Unknown operator " + c.op());
        }
    }

    /**
     * The tag filter on the {@code trackstar_tags} column, by jsonb containment: each tag given is one condition
     * ({@code key:value} matches the object tag or the same string), all of them for {@code contains}, none for
     * {@code not_contains}.
     */
    private static void tags(StringBuilder sql, List<Object> parameters, Condition c) {
        boolean negate = c.op().equals("not_contains");
        List<?> values = (List<?>) c.value();
        for (int i = 0; i < values.size(); i++) {
            String tag = String.valueOf(values.get(i));
            sql.append(" and ").append(negate ? "not " : "")
                    .append("(coalesce(trackstar_tags, '[]'::jsonb) @> ?::jsonb");
            parameters.add(jsonArray(tag, null));
            int colon = tag.indexOf(':');
            if (colon > 0) {
                sql.append(" or coalesce(trackstar_tags, '[]'::jsonb) @> ?::jsonb");
                parameters.add(jsonArray(tag.substring(0, colon), tag.substring(colon + 1)));
            }
            sql.append(')');
        }
    }

    /** {@code ["tag"]}, or {@code [{"key": "value"}]} when a value is given. */
    private static String jsonArray(String key, String value) {
        com.fasterxml.jackson.databind.node.ArrayNode array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .arrayNode();
        if (value == null) {
            array.add(key);
        } else {
            array.addObject().put(key, value);
        }
        return array.toString();
    }

    /**
     * {@code lower(expr) = any(array[lower(?), ...])}: one parameter per value, so the planner sees the lowered values
     * as parameters and uses the {@code lower(...)} index (an {@code array(select ...)} hides them and makes it walk
     * the whole function). Values are lowered by PostgreSQL, as the index is.
     */
    private static void lowerAny(StringBuilder sql, List<Object> parameters, String expr, Object value) {
        sql.append("lower(").append(expr).append(") = any(array[");
        List<?> values = (List<?>) value;
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "lower(?)" : ", lower(?)");
            parameters.add(text(values.get(i)));
        }
        sql.append("])");
    }

    /** {@code %value%}, with the value's own {@code %}, {@code _} and backslashes escaped by like's default escape. */
    static String likePattern(Object value) {
        String text = text(value);
        StringBuilder pattern = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' || ch == '_' || ch == '\\') {
                pattern.append('\\');
            }
            pattern.append(ch);
        }
        return pattern.append('%').toString();
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return String.valueOf(value);
    }

    private static String[] texts(Object value) {
        return ((List<?>) value).stream().map(RecordSql::text).toArray(String[]::new);
    }
}
