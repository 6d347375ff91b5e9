package dev.switchboard.common;

import jakarta.persistence.AttributeConverter;

/**
 * An enum whose constants have one lowercase value on the wire and in the database ({@code "live"}, {@code "admin"}).
 * Such enums return that value from {@code toString()} too, so 422 messages list exactly what clients may send.
 */
public interface WireValue {

    String value();

    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Unknown " + type.getSimpleName() + ": " + value);
    }

    /** Stores a {@link WireValue} enum as its value; subclass once per enum with {@code @Converter(autoApply = true)}. */
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
