package dev.switchboard.integrations;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every adapter needs to turn a vendor's JSON into Trackstar's schemas: null-safe reads, timestamps in
 * Trackstar's form ({@code 2026-12-01T16:20:55Z}), the shared address and measurement objects (every key present,
 * null when the vendor says nothing), and status maps where an unknown status is {@code other}.
 */
public final class Mapping {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Mapping() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Copies {@code from}'s {@code field}, when present and not null, to {@code to} as {@code target}. */
    public static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from == null ? null : from.get(field);
        if (value != null && !value.isNull()) {
            to.set(target, value.deepCopy());
        }
    }

    /** The field as text (numbers too, as ShipBob's numeric ids), or null when absent, null or blank. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The value at a slash path ({@code "recipient/address/city"}) as text, or null. */
    public static String at(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.at("/" + path);
        if (value == null || value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    public static JsonNode node(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    /** The elements of an array field, or none. */
    public static Iterable<JsonNode> each(JsonNode node, String field) {
        JsonNode value = node(node, field);
        return value != null && value.isArray() ? value : array();
    }

    /** A number field (vendors also send decimals as strings, as ShipHero's Money), or null. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node(node, field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return value.isTextual() && !value.asText().isBlank() ? new BigDecimal(value.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer quantity (rounded down when the vendor sends decimals, as Extensiv does), 0 when absent. */
    public static int quantity(JsonNode node, String field) {
        BigDecimal value = decimal(node, field);
        return value == null ? 0 : value.intValue();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode value = node(node, field);
        return value == null ? null : value.asBoolean();
    }

    /**
     * A vendor timestamp as an instant: with an offset as given; without one (Extensiv, some ShipHero fields) read
     * as UTC; a date alone as midnight UTC. Null when absent or unreadable.
     */
    public static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                try {
                    return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v).atStartOfDay()
                            .toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }
    }

    /** Trackstar's timestamp form, whole seconds in UTC; null for null. */
    public static String date(Instant instant) {
        return instant == null ? null : OUT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String date(String vendorValue) {
        return date(instant(vendorValue));
    }

    /** The newest of some vendor timestamps, or null. */
    public static Instant latest(String... values) {
        Instant latest = null;
        for (String value : values) {
            Instant instant = instant(value);
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }

    /** Puts a timestamp only when known: the read schemas' dates are not nullable. */
    public static void putDate(ObjectNode record, String field, Instant value) {
        if (value != null) {
            record.put(field, date(value));
        }
    }

    public static void put(ObjectNode record, String field, BigDecimal value) {
        if (value == null) {
            record.putNull(field);
        } else {
            record.put(field, value);
        }
    }

    /** {@code ShipToAddress}: every key present. */
    public static ObjectNode shipTo(String fullName, String company, String address1, String address2, String city,
            String state, String postalCode, String country, String phone, String email) {
        ObjectNode address = object();
        address.put("full_name", fullName);
        address.put("company", company);
        address.put("address1", address1);
        address.put("address2", address2);
        address.putNull("address3");
        address.put("city", city);
        address.put("state", state);
        address.put("postal_code", postalCode);
        address.put("country", country);
        address.put("phone_number", phone);
        address.put("email_address", email);
        return address;
    }

    /** {@code ShipFromAddress}: every key present. */
    public static ObjectNode shipFrom(String address1, String address2, String city, String state, String postalCode,
            String country) {
        ObjectNode address = object();
        address.put("address1", address1);
        address.put("address2", address2);
        address.putNull("address3");
        address.put("city", city);
        address.put("state", state);
        address.put("postal_code", postalCode);
        address.put("country", country);
        return address;
    }

    public static ObjectNode emptyShipFrom() {
        return shipFrom(null, null, null, null, null, null);
    }

    public static ObjectNode emptyShipTo() {
        return shipTo(null, null, null, null, null, null, null, null, null, null);
    }

    /** Package, inventory and shipment measurements: every key present; units only when a value is. */
    public static ObjectNode measurements(BigDecimal length, BigDecimal width, BigDecimal height, String unit,
            BigDecimal weight, String weightUnit) {
        ObjectNode m = object();
        put(m, "length", length);
        put(m, "width", width);
        put(m, "height", height);
        boolean anySize = length != null || width != null || height != null;
        m.put("unit", anySize ? unit : null);
        put(m, "weight", weight);
        m.put("weight_unit", weight != null ? weightUnit : null);
        return m;
    }

    public static ObjectNode emptyMeasurements() {
        return measurements(null, null, null, null, null, null);
    }

    /** Copies the named fields the vendor sent (when present) into {@code additional_fields}. */
    public static ObjectNode additional(JsonNode source, String... fields) {
        ObjectNode additional = object();
        for (String field : fields) {
            JsonNode value = node(source, field);
            if (value != null) {
                additional.set(field, value.deepCopy());
            }
        }
        return additional;
    }

    /** A status map where a status nobody listed is Trackstar's {@code other}; keys compare case-insensitively. */
    public static final class StatusMap {

        private final Map<String, String> map = new LinkedHashMap<>();

        public StatusMap put(String trackstar, String... vendorValues) {
            for (String value : vendorValues) {
                map.put(value.toLowerCase(Locale.ROOT), trackstar);
            }
            return this;
        }

        public String map(String vendorValue) {
            return vendorValue == null ? "other" : map.getOrDefault(vendorValue.toLowerCase(Locale.ROOT), "other");
        }
    }

    /** {@code k=v&k=v} with each value URL-encoded; null values are left out. */
    public static String query(Object... keysAndValues) {
        StringJoiner joiner = new StringJoiner("&");
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                joiner.add(keysAndValues[i] + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
        }
        return joiner.toString();
    }
}
