package dev.switchboard.tenant;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code read} < {@code write} < {@code admin}; each includes the ones before it. */
@RegisterForReflection
public enum Scope implements WireValue {

    READ("read"),
    WRITE("write"),
    ADMIN("admin");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    @Override
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

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<Scope> {

        public DbConverter() {
            super(Scope.class);
        }
    }
}
