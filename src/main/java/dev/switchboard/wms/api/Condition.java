package dev.switchboard.wms.api;

import dev.switchboard.wms.api.ReadFilters.FieldType;

/**
 * One filter of a list request: {@code field[op]=value}, checked against the route's declared filters.
 *
 * @param op {@code eq} (also the bare {@code field=value}), {@code neq}, {@code gt}, {@code gte}, {@code lt},
 *     {@code lte}, {@code in}, {@code nin}, {@code contains}, {@code not_contains}, {@code eq-insensitive},
 *     {@code in-insensitive} or {@code contains-insensitive}
 * @param value a {@code String}, {@code java.time.Instant} or {@code Boolean}; a {@code List} of them for the
 *     {@code in} operators
 */
public record Condition(String field, String op, FieldType type, Object value) {
}
