package dev.switchboard.wms.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.QueryParams;
import io.quarkus.runtime.Startup;

/**
 * The query parameters of the list routes, as data: {@code wms/read-filters.json} (derived from Trackstar's reads
 * OpenAPI by {@code bench/wms/read-filters.py}, checked against it by {@code WmsReadFiltersTest}), plus
 * {@code trackstar_created_date[...]} and {@code trackstar_updated_date[...]} on every list (2026 docs). Turns a
 * request's parameters into a {@link ReadQuery}, or one 422 naming every bad parameter at {@code query.<parameter>}.
 *
 * <p>
 * Everything a request can make the service hold is bounded here: at most {@link #MAX_PARAMETERS} parameters, each
 * given once, strings of at most {@link #MAX_VALUE_LENGTH} characters without NUL, lists of at most
 * {@link #MAX_LIST_VALUES} values.
 */
@Startup
@Singleton
public class ReadFilters {

    public static final String RESOURCE = "wms/read-filters.json";
    public static final int MAX_LIST_VALUES = 100;
    public static final int MAX_VALUE_LENGTH = 255;
    public static final int MAX_PARAMETERS = 40;
    public static final int MAX_LIMIT = 1000;
    static final int MAX_PAGE_TOKEN_LENGTH = 600;

    /** The operators of the date filters every list takes (the reference's {@code created_date}). */
    static final List<String> DATE_OPERATORS = List.of("", "eq", "neq", "gt", "gte", "lt", "lte", "in", "nin");
    static final List<String> TRACKSTAR_DATES = List.of("trackstar_created_date", "trackstar_updated_date");
    /**
     * {@code trackstar_tags[contains|not_contains]=tag1,key:value} on the lists whose records carry tags (2026 docs):
     * contains = has every tag given, not_contains = has none of them; {@code key:value} matches the tag
     * {@code {"key": "value"}} or the string {@code "key:value"}.
     */
    static final String TRACKSTAR_TAGS = "trackstar_tags";
    static final List<String> TAG_OPERATORS = List.of("contains", "not_contains");

    private static final Pattern NAME = Pattern.compile("([a-z_]{1,64})(?:\\[([a-z_-]{1,32})\\])?");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    /** A filterable field of a route: its value type, the operators the reference declares, its enum if any. */
    public record Field(String name, FieldType type, List<String> operators, List<String> allowed) {
    }

    public enum FieldType {

        STRING,
        DATE_TIME,
        BOOLEAN,
        /** Trackstar tags: a comma-separated list of tags, compared with the {@code trackstar_tags} column. */
        TAGS;

        static FieldType of(String value) {
            return switch (value) {
                case "string" -> STRING;
                case "date-time" -> DATE_TIME;
                case "boolean" -> BOOLEAN;
                default -> throw new IllegalStateException("Unknown filter type in " + RESOURCE + ": " + value);
            };
        }
    }

    private final Map<ReadRoute, Map<String, Field>> fields = new EnumMap<>(ReadRoute.class);

    @Inject
    public ReadFilters(ObjectMapper json) {
        JsonNode root;
        try (InputStream in = ReadFilters.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            root = json.readTree(Objects.requireNonNull(in, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ReadRoute route : ReadRoute.lists()) {
            JsonNode declared = root.path("paths").path(route.path());
            if (declared.isMissingNode()) {
                throw new IllegalStateException(RESOURCE + " has no filters for " + route.path());
            }
            Map<String, Field> byName = new LinkedHashMap<>();
            declared.fields().forEachRemaining(entry -> {
                JsonNode f = entry.getValue();
                List<String> operators = new ArrayList<>();
                f.path("operators").forEach(op -> operators.add(op.asText()));
                List<String> allowed = null;
                if (f.has("enum")) {
                    List<String> values = new ArrayList<>();
                    f.path("enum").forEach(v -> values.add(v.asText()));
                    allowed = List.copyOf(values);
                }
                byName.put(entry.getKey(), new Field(entry.getKey(), FieldType.of(f.path("type").asText()),
                        List.copyOf(operators), allowed));
            });
            for (String name : TRACKSTAR_DATES) {
                byName.put(name, new Field(name, FieldType.DATE_TIME, DATE_OPERATORS, null));
            }
            if (tagged(route)) {
                byName.put(TRACKSTAR_TAGS, new Field(TRACKSTAR_TAGS, FieldType.TAGS, TAG_OPERATORS, null));
            }
            fields.put(route, Collections.unmodifiableMap(byName));
        }
    }

    /** Whether a list route's records carry {@code trackstar_tags} (and so take the tag filter). */
    static boolean tagged(ReadRoute route) {
        return route.path().matches("/wms/(orders|products|inventory|inbound-shipments|returns|warehouses)");
    }

    /** The filterable fields of a list route, the reference's and the two trackstar dates. */
    public Map<String, Field> fields(ReadRoute route) {
        return fields.get(route);
    }

    /**
     * The request's parameters as a query on {@code route}, or a 422 naming each bad parameter.
     *
     * @param scope the route's path parameters that narrow it (the warehouse of a location list); part of the page
     *     token's fingerprint, never of the client's filters
     */
    public ReadQuery parse(ReadRoute route, MultivaluedMap<String, String> parameters, Map<String, String> scope) {
        Map<String, Field> declared = fields.get(route);
        ValidationProblem problem = new ValidationProblem();
        if (parameters.size() > MAX_PARAMETERS) {
            throw ValidationProblem.of(ValidationProblem.QUERY, ValidationProblem.WHOLE_BODY,
                    "At most " + MAX_PARAMETERS + " query parameters.");
        }
        List<Condition> conditions = new ArrayList<>();
        List<String> ids = null;
        int limit = MAX_LIMIT;
        String pageToken = null;
        // The fingerprint of the filters: sorted, so the order of the parameters does not matter.
        TreeMap<String, String> canonical = new TreeMap<>(scope);
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            String name = entry.getKey();
            String where = name.length() > 100 ? name.substring(0, 100) : name;
            List<String> values = entry.getValue();
            if (values.size() != 1) {
                problem.add(ValidationProblem.QUERY, where, "Give this parameter once.");
                continue;
            }
            String raw = values.get(0);
            try {
                switch (name) {
                    case "limit" -> limit = QueryParams.intParam("limit", raw, MAX_LIMIT, 1, MAX_LIMIT);
                    case "page_token" -> pageToken = QueryParams.stringParam("page_token", raw, MAX_PAGE_TOKEN_LENGTH);
                    case "ids[in]" -> {
                        ids = list(raw, FieldType.STRING, null).stream().map(String.class::cast).toList();
                        canonical.put("?" + name, raw);
                    }
                    default -> {
                        conditions.add(condition(declared, name, raw));
                        canonical.put("?" + name, raw);
                    }
                }
            } catch (BadValue e) {
                problem.add(ValidationProblem.QUERY, where, e.getMessage());
            } catch (ValidationProblem e) {
                problem.add(ValidationProblem.QUERY, where, e.body().detail().get(ValidationProblem.QUERY).values()
                        .iterator().next().get(0));
            }
        }
        problem.throwIfAny();
        String fingerprint = fingerprint(route, canonical);
        String after = RecordPageToken.after(pageToken, fingerprint);
        // ids[in]: "If provided, all other query params are ignored" (they are still checked above).
        return new ReadQuery(ids == null ? List.copyOf(conditions) : List.of(), ids, limit, after, fingerprint);
    }

    private Condition condition(Map<String, Field> declared, String name, String raw) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new BadValue("Unknown field.");
        }
        Field field = declared.get(m.group(1));
        if (field == null) {
            throw new BadValue("Unknown field.");
        }
        String operator = m.group(2) == null ? "" : m.group(2);
        if (!field.operators().contains(operator)) {
            throw new BadValue("Unknown operator. " + field.name() + " takes: " + String.join(", ",
                    field.operators().stream().map(op -> op.isEmpty() ? field.name() : field.name() + "[" + op + "]")
                            .toList())
                    + ".");
        }
        String op = operator.isEmpty() ? "eq" : operator;
        Object value = op.startsWith("in") || op.equals("nin") || field.type() == FieldType.TAGS
                ? list(raw, field.type(), field.allowed())
                : scalar(raw, field.type(), field.allowed());
        return new Condition(field.name(), op, field.type(), value);
    }

    private static List<Object> list(String raw, FieldType type, List<String> allowed) {
        if (raw.isEmpty()) {
            throw new BadValue("Give at least one value.");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_LIST_VALUES) {
            throw new BadValue("At most " + MAX_LIST_VALUES + " comma-separated values.");
        }
        List<Object> values = new ArrayList<>(parts.length);
        for (String part : parts) {
            values.add(scalar(part, type, allowed));
        }
        return values;
    }

    private static Object scalar(String raw, FieldType type, List<String> allowed) {
        if (raw.length() > MAX_VALUE_LENGTH) {
            throw new BadValue("Longer than maximum length " + MAX_VALUE_LENGTH + ".");
        }
        if (raw.indexOf('\0') >= 0) {
            throw new BadValue("Must not contain NUL characters.");
        }
        switch (type) {
            case DATE_TIME -> {
                if (DATE_TIME.matcher(raw).matches()) {
                    try {
                        return Instant.parse(raw);
                    } catch (DateTimeParseException e) {
                        // falls through to the 422
                    }
                }
                throw new BadValue("Not a valid datetime: use YYYY-MM-DDTHH:MM:SSZ.");
            }
            case BOOLEAN -> {
                if (raw.equals("true") || raw.equals("false")) {
                    return Boolean.valueOf(raw);
                }
                throw new BadValue("Not a valid boolean: use true or false.");
            }
            default -> {
                if (allowed != null && !allowed.contains(raw)) {
                    throw new BadValue("Must be one of: " + String.join(", ", allowed) + ".");
                }
                return raw;
            }
        }
    }

    private static String fingerprint(ReadRoute route, TreeMap<String, String> canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(route.path().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : canonical.entrySet()) {
                sha.update((byte) 0);
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One bad parameter value; its message goes to {@code query.<parameter>}. */
    private static final class BadValue extends RuntimeException {

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
