package dev.switchboard.common;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;

/**
 * An enum whose constants have one lowercase value on the wire and in the database ({@code "live"}, {@code "admin"}).
 * Such enums return that value from {@code toString()} too, so 422 messages list exactly what clients may send.
 */
public interface WireValue {

    String value();

    /** The constant whose value is {@code value}, if there is one. */
    static <E extends Enum<E> & WireValue> Optional<E> find(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The constant whose value is {@code value}; values come from the database, so an unknown one is a bug. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value) {
        return find(type, value)
                .orElseThrow(() -> new IllegalArgumentException("Unknown " + type.getSimpleName() + ": " + value));
    }

    /** Every value of the type, comma-separated, as 422 messages list them. */
    static <E extends Enum<E> & WireValue> String values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::value).collect(Collectors.joining(", "));
    }

    /**
     * Stores a {@link WireValue} enum as its value; subclass once per enum with {@code @Converter(autoApply = true)}.
     */
    abstract class DbConverter<E extends Enum<E> & WireValue> implements AttributeConverter<E, String> {

        private final Class<E> type;

        protected DbConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E constant) {
            return constant == null ? null : constant.value();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            return value == null ? null : parse(type, value);
        }
    }
}
