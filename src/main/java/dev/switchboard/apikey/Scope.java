package dev.switchboard.apikey;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@code read} < {@code write} < {@code admin}; each includes the ones before it. */
public enum Scope {
    READ("read"),
    WRITE("write"),
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public boolean includes(Scope needed) {
        return compareTo(needed) >= 0;
    }

    /** The scopes a key of this level holds, lowest first: {@code admin} -> read, write, admin. */
    public List<Scope> granted() {
        return Arrays.asList(values()).subList(0, ordinal() + 1);
    }

    public static Scope of(String value) {
        for (Scope s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scope: " + value);
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Scope, String> {
        @Override
        public String convertToDatabaseColumn(Scope s) {
            return s == null ? null : s.value;
        }

        @Override
        public Scope convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
