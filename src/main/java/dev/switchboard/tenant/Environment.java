package dev.switchboard.tenant;

import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.common.WireValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

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
