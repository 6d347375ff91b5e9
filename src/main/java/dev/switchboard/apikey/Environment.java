package dev.switchboard.apikey;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Test and live are separate worlds: every tenant query is scoped by organization and environment. */
public enum Environment {
    TEST("test"),
    LIVE("live");

    private final String value;

    Environment(String value) {
        this.value = value;
    }

    /** The wire and database value. {@code toString} returns it too, so error messages list what clients send. */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public static Environment of(String value) {
        for (Environment e : values()) {
            if (e.value.equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown environment: " + value);
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Environment, String> {
        @Override
        public String convertToDatabaseColumn(Environment e) {
            return e == null ? null : e.value;
        }

        @Override
        public Environment convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
