package dev.switchboard.tenant;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.Converter;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.switchboard.common.WireValue;

/** Test and live are separate worlds: every tenant query is scoped by organization and environment. */
@RegisterForReflection
public enum Environment implements WireValue {
    TEST("test"),
    LIVE("live");

    private final String value;

    Environment(String value) {
        this.value = value;
    }

    /** The wire and database value. {@code toString} returns it too, so error messages list what clients send. */
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireValue.DbConverter<Environment> {
        public DbConverter() {
            super(Environment.class);
        }
    }
}
